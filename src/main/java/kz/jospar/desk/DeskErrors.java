package kz.jospar.desk;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A desk page that cannot be shown (a task done meanwhile, one of another body, an id that never
 * was) is still a desk page: its reason in the reader's language, the header, and the way back,
 * not the server's generic error page. A mail's link to a task someone finished ends here.
 */
@ControllerAdvice(basePackageClasses = DeskErrors.class)
class DeskErrors {

  private final DeskHeader header;

  DeskErrors(DeskHeader header) {
    this.header = header;
  }

  @ExceptionHandler(ResponseStatusException.class)
  String cannotShow(ResponseStatusException e, Authentication authentication, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    Locale locale = RequestContextUtils.getLocale(request);
    response.setStatus(e.getStatusCode().value());
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("nav", header.nav(authentication));
    model.addAttribute("user", authentication == null ? null : authentication.getName());
    model.addAttribute("unreadNotes", header.unreadNotes(authentication));
    model.addAttribute("message", e.getReason());
    model.addAttribute("notFound", e.getStatusCode().value() == HttpStatus.NOT_FOUND.value());
    return "desk/error";
  }
}
