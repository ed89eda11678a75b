package kz.jospar.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts who is calling and which task a request is about into the log context ({@code user},
 * {@code taskId}), beside what the engine adds itself while it runs a process ({@code
 * processInstanceId}, {@code activityId}, {@code businessKey}) and what Jospar adds per report step
 * ({@code cycle}, {@code body}). The production profile writes them as fields of JSON log lines.
 * Never a request body, a header or a token.
 */
@Configuration
class RequestLogContext {

  /** A task in the engine REST API or in the webapps' own API (Tasklist). */
  static final Pattern TASK_PATH = Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([0-9a-fA-F-]{1,64})(/.*)?$");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> requestLogContextFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean known = caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken);
        Matcher task = TASK_PATH.matcher(request.getRequestURI());
        // webapp requests sign in with the webapps' own session (not known here): no user rather than a wrong one
        try (MDC.MDCCloseable u = MDC.putCloseable("user", known ? caller.getName() : "");
            MDC.MDCCloseable t = MDC.putCloseable("taskId", task.matches() ? task.group(1) : "")) {
          chain.doFilter(request, response);
        }
      }
    });
    // after Spring Security, so the caller is known
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }
}
