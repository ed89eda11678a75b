package kz.jospar.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps log out with an XHR ({@code POST /camunda/api/admin/auth/user/{engine}/logout}),
 * which cannot follow a redirect to Keycloak. So Jospar ends the Keycloak session itself: a
 * back-channel call to the realm's logout endpoint with the session's refresh token and the
 * client's credentials, then the webapps' own logout runs and the HTTP session is dropped. The
 * next page load asks Keycloak for a login again.
 */
class KeycloakSessionLogout extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(KeycloakSessionLogout.class);

  private final OAuth2AuthorizedClientService authorizedClients;
  private final ClientRegistrationRepository registrations;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  KeycloakSessionLogout(OAuth2AuthorizedClientService authorizedClients, ClientRegistrationRepository registrations) {
    this.authorizedClients = authorizedClients;
    this.registrations = registrations;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !("POST".equals(request.getMethod()) && path.matches("/camunda/api/admin/auth/user/[^/]+/logout"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth instanceof OAuth2AuthenticationToken token) {
      endKeycloakSession(token);
    }
    try {
      chain.doFilter(request, response);
    } finally {
      var session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      SecurityContextHolder.clearContext();
    }
  }

  private void endKeycloakSession(OAuth2AuthenticationToken token) {
    String registrationId = token.getAuthorizedClientRegistrationId();
    OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(registrationId, token.getName());
    ClientRegistration registration = registrations.findByRegistrationId(registrationId);
    if (client == null || client.getRefreshToken() == null || registration == null) {
      return;
    }
    String endSession = registration.getProviderDetails().getConfigurationMetadata().getOrDefault("end_session_endpoint", "").toString();
    String form = "client_id=" + enc(registration.getClientId()) + "&client_secret=" + enc(registration.getClientSecret())
        + "&refresh_token=" + enc(client.getRefreshToken().getTokenValue());
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(endSession)).timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() >= 300) {
        log.warn("Keycloak did not end the session of {}: HTTP {}", token.getName(), answer.statusCode());
      }
    } catch (IOException e) {
      log.warn("Keycloak unreachable at logout of {}: {}", token.getName(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    authorizedClients.removeAuthorizedClient(registrationId, token.getName());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
