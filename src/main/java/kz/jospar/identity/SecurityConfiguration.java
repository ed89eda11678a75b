package kz.jospar.identity;

import static kz.jospar.identity.ApiErrors.path;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.Http403ForbiddenEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what without Keycloak (the embedded default and the plain postgres profile): the
 * APIs (Jospar's and the engine's) take HTTP Basic with the engine's users and answer 401 without
 * it; people sign in at the desk ({@link PasswordSignIn}) or on the webapps' own login page, into the
 * one session both read; nothing else is served anonymously but the sign-in and health. The
 * keycloak profile replaces this with {@link KeycloakSecurityConfiguration}.
 */
@Configuration
@Profile("!keycloak")
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, IdentityService identityService) throws Exception {
    // Path patterns, not MVC matchers: /engine-rest is Jersey's servlet, not Spring MVC's.
    http.securityMatcher(ApiAccess.PATHS).authorizeHttpRequests(ApiAccess::rules)
        .httpBasic(b -> b.authenticationEntryPoint(basic()))
        .exceptionHandling(e -> e.authenticationEntryPoint(basic()).accessDeniedHandler(ApiErrors.forbidden()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // Stateless, credentials on every request, no cookies: nothing for a forged cross-site post to ride on.
        .csrf(c -> c.disable())
        .addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a
            // Camunda's "create the first admin" page would let anyone on the network become admin:
            // the first administrator comes from the environment (JOSPAR_ADMIN_USER) instead.
            .requestMatchers(path("/camunda/api/admin/setup/**")).denyAll()
            // The webapps authenticate with their own login page and guard their own API and CSRF token.
            .requestMatchers(path("/camunda/**"), path("/camunda-welcome"), path("/lib/**")).permitAll()
            .requestMatchers(path("/"), path("/error")).permitAll()
            // the desk's sign-in page and the one style sheet it needs
            .requestMatchers(path(SignInAddress.SIGN_IN), path("/jospar/desk.css")).permitAll()
            // Jospar's own pages: for whoever signed in, at the desk or in the webapps, in this session
            .requestMatchers(path("/jospar/**")).authenticated()
            .anyRequest().denyAll())
        .addFilterBefore(new CamundaSessionAuthentication(), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(JosparPages.signIn(), path("/jospar/**"))
            .defaultAuthenticationEntryPointFor(new Http403ForbiddenEntryPoint(), r -> true))
        // signing out ends the session, so the webapps' too (a POST with the page's CSRF token)
        .logout(l -> l.logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SignInAddress.SIGN_OUT))
            .logoutSuccessHandler(JosparPages.signedOut())
            .invalidateHttpSession(true))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable());
    JosparPages.csrf(http);
    JosparPages.headers(http, null);
    return http.build();
  }

  private static org.springframework.security.web.AuthenticationEntryPoint basic() {
    return ApiErrors.unauthorized("Basic realm=\"Jospar\", charset=\"UTF-8\"", "api.basic");
  }
}
