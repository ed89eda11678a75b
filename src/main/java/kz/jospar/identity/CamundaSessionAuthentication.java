package kz.jospar.identity;

import kz.jospar.engine.WebappSessions;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Jospar's own pages (/jospar/**) share the webapps' login: whoever signed in at the desk
 * ({@link PasswordSignIn}, which puts the webapps' authentication in the session) or on the webapps'
 * login page is that user here too, with the same groups. One login, one logout; nothing is stored
 * beyond what the webapps keep in the session.
 */
class CamundaSessionAuthentication extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && SecurityContextHolder.getContext().getAuthentication() == null) {
      var signedIn = WebappSessions.signedIn(session);
      if (signedIn.isPresent()) {
        var authorities = signedIn.get().groupIds().stream().map(SimpleGrantedAuthority::new).toList();
        var token = UsernamePasswordAuthenticationToken.authenticated(signedIn.get().userId(), null, authorities);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(token);
        SecurityContextHolder.setContext(context);
      }
    }
    chain.doFilter(request, response);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/jospar/");
  }
}
