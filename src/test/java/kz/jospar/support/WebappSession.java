package kz.jospar.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session with the webapps, over plain HTTP: logs in through Camunda's own login API
 * (with its CSRF token, as the login page does) and keeps the cookies, so Jospar's pages can be
 * called as the logged-in person.
 */
public final class WebappSession {

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  public WebappSession(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public WebappSession login(String user, String password) {
    get("/camunda/app/welcome/default/", "text/html");
    String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/welcome"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login of " + user + " failed: " + r.statusCode() + " " + r.body());
    }
    // the session is new after the login: a first read gives it its CSRF token (cookie XSRF-TOKEN)
    get("/camunda/api/admin/auth/user/default", "application/json");
    return this;
  }

  public HttpResponse<String> get(String path, String accept) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The bytes a page takes on the wire when the client accepts gzip, as a browser does (the body is not unpacked). */
  public long gzipBytes(String path, String accept) {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).header("Accept-Encoding", "gzip")
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200 || !r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
      throw new IllegalStateException(path + ": " + r.statusCode() + ", Content-Encoding " + r.headers().firstValue("Content-Encoding"));
    }
    return r.body().length;
  }

  public HttpResponse<byte[]> download(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A PUT of JSON, with Jospar's CSRF token when {@code withToken}. */
  public HttpResponse<String> putJson(String path, String json, boolean withToken) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("Accept", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
    if (withToken) {
      b.header("X-JOSPAR-XSRF", cookie("JOSPAR-XSRF"));
    }
    return send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request to the webapps' own engine API, with Camunda's CSRF token, as Tasklist sends it. */
  public HttpResponse<String> api(String method, String path, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
        .header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
    if (json == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A form post as a browser sends it (urlencoded or multipart/form-data, the caller builds the body). */
  public HttpResponse<String> post(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType).header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
        .findFirst().orElseThrow(() -> new IllegalStateException("no cookie " + name + " in " + cookies.getCookieStore().getCookies()));
  }

  /**
   * Signs in on the desk's own page as a browser does: the page first (it sets Jospar's CSRF cookie),
   * then its form with that token. {@code query}: the page's query string ({@code lang=ru&to=…}) or "".
   */
  public HttpResponse<String> signInAtDesk(String user, String password, String query) {
    String page = "/jospar/sign-in" + (query.isEmpty() ? "" : "?" + query);
    HttpResponse<String> form = get(page, "text/html");
    if (form.statusCode() != 200) {
      throw new IllegalStateException("the sign-in page answered " + form.statusCode() + " " + form.body());
    }
    String body = "_csrf=" + URLEncoder.encode(cookie("JOSPAR-XSRF"), StandardCharsets.UTF_8)
        + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return post(page, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Signed in at the desk, or an exception saying why not. */
  public WebappSession signedInAtDesk(String user, String password) {
    HttpResponse<String> r = signInAtDesk(user, password, "");
    if (r.statusCode() != 302) {
      throw new IllegalStateException("desk sign-in of " + user + " failed: " + r.statusCode() + " " + r.body());
    }
    return this;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request, handler);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
