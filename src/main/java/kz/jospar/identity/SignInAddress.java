package kz.jospar.identity;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a person signs in and where they land after: the desk, or the page they had asked for when
 * it is a page of this site. A return address comes from the query string, so anyone can write one
 * into a link: only a path of Jospar's pages or the webapps is followed, never another site
 * ({@code //evil.example}, {@code https://…}, {@code /\evil.example}), so the sign-in cannot be used
 * to send a person elsewhere with Jospar's name on the link.
 */
public final class SignInAddress {

  public static final String SIGN_IN = "/jospar/sign-in";
  public static final String SIGN_OUT = "/jospar/sign-out";
  public static final String LANDING = "/jospar/desk";

  private SignInAddress() {}

  /** {@code to} when it is a path of this site's pages, else null. */
  public static String safe(String to) {
    if (to == null || to.isBlank() || to.length() > 2000 || !to.startsWith("/") || to.startsWith("//")) {
      return null;
    }
    for (int i = 0; i < to.length(); i++) {
      char c = to.charAt(i);
      // a backslash is a slash to browsers ("/\evil.example"); control characters split headers
      if (c == '\\' || c < 0x21 || c == 0x7f) {
        return null;
      }
    }
    URI uri;
    try {
      uri = new URI(to);
    } catch (URISyntaxException e) {
      return null;
    }
    String path = uri.getRawPath();
    if (uri.getScheme() != null || uri.getRawAuthority() != null || path == null || !uri.normalize().getRawPath().equals(path)) {
      return null;
    }
    boolean page = path.startsWith("/jospar/") || path.startsWith("/camunda/app/");
    return page && !path.equals(SIGN_IN) && !path.startsWith("/jospar/sign-") ? to : null;
  }

  /** Where to go after signing in: {@code to} when safe, else the desk. */
  public static String after(String to) {
    String safe = safe(to);
    return safe != null ? safe : LANDING;
  }
}
