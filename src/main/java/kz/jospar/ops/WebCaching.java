package kz.jospar.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * How long a browser keeps the webapps' and Jospar's static files (issue 14: every reload of
 * Tasklist cost 4.6 MB, sent again because Spring Security marks everything {@code no-store}).
 *
 * <ul>
 *   <li>Camunda's own files referenced with {@code ?bust=<Camunda's version>} (the webapps' scripts,
 *       styles, fonts): their URL changes with Camunda's version, so the browser keeps them a year
 *       without asking. Only when the file really comes from Camunda's webjar: Jospar's own files in
 *       the same place (config.js, user-styles.css, locales, app/jospar/) carry the same
 *       {@code bust} but change with Jospar, so they are revalidated.
 *   <li>Every other static file (Jospar's, Camunda's without a version in the URL): {@code no-cache}
 *       with a content ETag (and Last-Modified), so a reload costs a 304, not the file.
 *   <li>Everything else (the webapps' entry pages with their CSRF token and CSP nonce, every API
 *       answer) keeps Spring Security's {@code no-store}.
 * </ul>
 *
 * Always {@code private}: a static file's answer may set a cookie (Camunda's session and XSRF
 * cookies, Jospar's CSRF cookie), which a shared cache must never hand to someone else; the
 * browser's own cache is where the seconds are won. An answer that is not the file (a redirect to
 * the login, an error) is {@code no-store}. {@code JOSPAR_WEB_CACHING=false} turns this off (the
 * benchmark's "before").
 */
@Configuration
@ConditionalOnProperty(name = "jospar.web.caching", havingValue = "true", matchIfMissing = true)
class WebCaching {

  static final String YEAR = "private, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";
  static final String LOGGED_IN_REVALIDATE = "private, no-cache";
  static final String NOT_THE_FILE = "no-store";

  private static final Pattern WEBJAR = Pattern.compile("camunda-webapp-webjar-([0-9][^/!]*)\\.jar");

  @Bean
  FilterRegistrationBean<CachePolicy> webCachingFilter(CamundaBpmProperties camunda) {
    String webjar = camunda.getWebapp().getWebjarClasspath().replaceAll("^/+|/+$", "");
    FilterRegistrationBean<CachePolicy> registration = new FilterRegistrationBean<>(
        new CachePolicy(camunda.getWebapp().getApplicationPath() + "/", webjar + "/", WebCaching.class.getClassLoader()));
    // before Spring Security, whose cache headers step aside for a Cache-Control already set
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    registration.addUrlPatterns("/*");
    return registration;
  }

  /** A content ETag on every static file Spring MVC serves (Camunda's handlers and Spring Boot's /static). */
  @Bean
  static BeanPostProcessor webCachingEtags() {
    Map<String, String> etags = new ConcurrentHashMap<>();
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof SimpleUrlHandlerMapping mapping) {
          mapping.getUrlMap().values().forEach(h -> etag(h, etags));
          mapping.getHandlerMap().values().forEach(h -> etag(h, etags));
        }
        return bean;
      }
    };
  }

  private static void etag(Object handler, Map<String, String> etags) {
    if (handler instanceof ResourceHttpRequestHandler resources) {
      // weak: Tomcat does not compress an answer with a strong ETag (the bytes on the wire differ)
      resources.setEtagGenerator(r -> "W/\"" + etags.computeIfAbsent(key(r), k -> md5(r)) + "\"");
    }
  }

  private static String key(Resource resource) {
    try {
      return resource.getURL() + "@" + resource.lastModified();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String md5(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md5.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md5.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Chooses the Cache-Control of a static file before the request runs; anything but the file itself gets no-store. */
  static final class CachePolicy extends OncePerRequestFilter {

    private final String webapps;
    private final String webjar;
    private final ClassLoader classes;

    CachePolicy(String webapps, String webjar, ClassLoader classes) {
      this.webapps = webapps;
      this.webjar = webjar;
      this.classes = classes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String policy = policy(request);
      if (policy == null) {
        chain.doFilter(request, response);
        return;
      }
      response.setHeader(HttpHeaders.CACHE_CONTROL, policy);
      chain.doFilter(request, new HttpServletResponseWrapper(response) {
        @Override
        public void setStatus(int status) {
          if (status != 200 && status != 206 && status != 304) {
            setHeader(HttpHeaders.CACHE_CONTROL, NOT_THE_FILE);
          }
          super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
          setHeader(HttpHeaders.CACHE_CONTROL, NOT_THE_FILE);
          super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
          setHeader(HttpHeaders.CACHE_CONTROL, NOT_THE_FILE);
          super.sendError(status, message);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
          setHeader(HttpHeaders.CACHE_CONTROL, NOT_THE_FILE);
          super.sendRedirect(location);
        }
      });
    }

    String policy(HttpServletRequest request) {
      if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
        return null;
      }
      String path = request.getRequestURI().substring(request.getContextPath().length());
      // a plain file name only: no encoded, parameterised or relative paths, no directories
      if (path.contains("%") || path.contains(";") || path.contains("..") || path.contains("//") || path.endsWith("/")) {
        return null;
      }
      if (path.startsWith(webapps)) {
        String file = path.substring(webapps.length());
        if (!(file.startsWith("lib/") || file.startsWith("app/") || file.startsWith("assets/") || file.equals("favicon.ico"))) {
          return null;
        }
        URL found = classes.getResource(webjar + file);
        if (found == null) {
          return null;
        }
        Matcher camunda = WEBJAR.matcher(found.toString());
        boolean versioned = camunda.find() && ("bust=" + camunda.group(1)).equals(request.getQueryString());
        return versioned ? YEAR : REVALIDATE;
      }
      if (path.startsWith("/jospar/") && classes.getResource("static" + path) != null) {
        return LOGGED_IN_REVALIDATE;
      }
      return null;
    }
  }
}
