package kz.jospar.identity;

import kz.jospar.engine.WebappSessions;


import static kz.jospar.identity.ApiErrors.path;

import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The keycloak profile: the APIs take Keycloak's bearer tokens (signature, issuer, audience and
 * expiry checked) and run as the token's user and groups; the webapps log in through Keycloak
 * (authorization code) and log out of it too; Camunda reads users and groups from Keycloak.
 */
@Configuration
@Profile("keycloak")
@EnableConfigurationProperties(KeycloakProperties.class)
class KeycloakSecurityConfiguration {

  /** Users and groups from Keycloak, cached (see application-keycloak.yaml). */
  @Bean
  @ConfigurationProperties(prefix = "plugin.identity.keycloak")
  KeycloakIdentityProviderPlugin keycloakIdentityProviderPlugin() {
    return new KeycloakIdentityProviderPlugin();
  }

  /** Resolved on first use, so Jospar starts while Keycloak is still starting. */
  @Bean
  JwtDecoder jwtDecoder(KeycloakProperties keycloak) {
    return new SupplierJwtDecoder(() -> {
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(keycloak.issuer()).build();
      decoder.setJwtValidator(validator(keycloak));
      return decoder;
    });
  }

  static OAuth2TokenValidator<Jwt> validator(KeycloakProperties keycloak) {
    OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(keycloak.apiAudience())
        ? OAuth2TokenValidatorResult.success()
        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
            "the token is not for audience '" + keycloak.apiAudience() + "'", null));
    return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(keycloak.clockSkew()),
        new JwtIssuerValidator(keycloak.issuer()), audience);
  }

  /** The user is the token's preferred_username; the authorities its groups (bodies and roles). */
  static JwtAuthenticationConverter tokenConverter() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setPrincipalClaimName("preferred_username");
    converter.setJwtGrantedAuthoritiesConverter(jwt -> groups(jwt.getClaimAsStringList("groups")));
    return converter;
  }

  static Collection<GrantedAuthority> groups(List<String> groups) {
    return groups == null ? List.of() : groups.stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, IdentityService identityService) throws Exception {
    http.securityMatcher(ApiAccess.PATHS).authorizeHttpRequests(ApiAccess::rules)
        .oauth2ResourceServer(r -> r.jwt(j -> j.jwtAuthenticationConverter(tokenConverter()))
            .authenticationEntryPoint(bearer()))
        .exceptionHandling(e -> e.authenticationEntryPoint(bearer()).accessDeniedHandler(ApiErrors.forbidden()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // Bearer tokens in a header, no cookies: a cross-site post carries no credentials.
        .csrf(c -> c.disable())
        .addFilterAfter(new EngineAuthenticationFilter(identityService), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
      OAuth2AuthorizedClientService authorizedClients, KeycloakProperties keycloak) throws Exception {
    OidcClientInitiatedLogoutSuccessHandler endKeycloakSession = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    endKeycloakSession.setPostLogoutRedirectUri("{baseUrl}/");
    http.authorizeHttpRequests(a -> a
            .requestMatchers(path("/camunda/api/admin/setup/**")).denyAll()
            .requestMatchers(path("/error")).permitAll()
            .anyRequest().authenticated())
        // PKCE (S256) as the realm requires, also for this confidential client
        .oauth2Login(o -> o.authorizationEndpoint(a -> a.authorizationRequestResolver(pkce(registrations)))
            // the page asked for when there was one, else the desk: where everyone lands
            .defaultSuccessUrl(SignInAddress.LANDING))
        // /logout (a page navigation) ends the Keycloak session by RP-initiated logout; the webapps'
        // own logout button (an XHR) ends it server-side, see KeycloakSessionLogout.
        .logout(l -> l.logoutRequestMatcher(path("/logout")).logoutSuccessHandler(endKeycloakSession))
        .addFilterBefore(new KeycloakSessionLogout(authorizedClients, registrations), org.springframework.security.web.authentication.logout.LogoutFilter.class);
    JosparPages.csrf(http);
    // the desk's sign-out form posts to /logout, which ends at Keycloak's end-session page
    JosparPages.headers(http, origin(keycloak.issuer()));
    return http.build();
  }

  /** scheme://host:port of an address, as a policy names a source. */
  static String origin(String url) {
    java.net.URI uri = java.net.URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** 401 with the standard Bearer challenge (error="invalid_token", why) and a JSON body saying what is missing. */
  private static org.springframework.security.web.AuthenticationEntryPoint bearer() {
    var challenge = new org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint();
    return (request, response, e) -> {
      challenge.commence(request, response, e);
      ApiErrors.write(response, 401, "Unauthorized", ApiErrors.say(request, "api.bearer") + " (" + e.getMessage() + ")");
    };
  }

  private static org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver pkce(ClientRegistrationRepository registrations) {
    var resolver = new org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver(registrations,
        org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
    resolver.setAuthorizationRequestCustomizer(org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers.withPkce());
    return resolver;
  }

  /** The webapps take their user from the Keycloak login instead of their own login page. */
  @Bean
  FilterRegistrationBean<jakarta.servlet.Filter> webappAuthentication() {
    FilterRegistrationBean<jakarta.servlet.Filter> registration = new FilterRegistrationBean<>(WebappSessions.fromKeycloakLogin());
    registration.setInitParameters(WebappSessions.fromKeycloakLoginParameters());
    registration.addUrlPatterns("/camunda/*");
    registration.setOrder(-50); // after Spring Security (-100), before the webapps' own filters
    return registration;
  }
}
