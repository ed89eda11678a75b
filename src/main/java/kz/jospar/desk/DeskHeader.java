package kz.jospar.desk;

import kz.jospar.identity.Caller;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every desk page's header shows besides its links: how many of the person's notifications are unread. */
@ControllerAdvice(basePackageClasses = DeskHeader.class)
class DeskHeader {

  private final Notifications notes;

  DeskHeader(Notifications notes) {
    this.notes = notes;
  }

  @ModelAttribute("unreadNotes")
  int unreadNotes(Authentication authentication) {
    if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
      return 0;
    }
    return notes.unread(Caller.of(authentication).userId());
  }
}
