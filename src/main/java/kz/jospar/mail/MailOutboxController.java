package kz.jospar.mail;

import kz.jospar.engine.EngineClock;

import java.util.List;
import java.util.Map;
import kz.jospar.language.RejectedInput;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For administrators ({@code camunda-admin}, see ApiAccess): what the outbox holds, a failed mail's
 * error, and a retry once the cause is fixed. The mails' texts are not shown.
 */
@RestController
@RequestMapping("/api/mail/outbox")
class MailOutboxController {

  private final MailOutbox outbox;
  private final OutboxSender sender;

  MailOutboxController(MailOutbox outbox, OutboxSender sender) {
    this.outbox = outbox;
    this.sender = sender;
  }

  /** {@code ?state=failed} (the default), pending, sent, digest, digested, skipped or all; newest first, at most {@code limit}. */
  @GetMapping
  Map<String, Object> list(@RequestParam(defaultValue = "failed") String state, @RequestParam(defaultValue = "100") int limit) {
    MailOutbox.State s = null;
    if (!"all".equals(state)) {
      try {
        s = MailOutbox.State.valueOf(state);
      } catch (IllegalArgumentException e) {
        throw RejectedInput.badRequest("state", "input.mailState", state.length() <= 40 ? state : state.substring(0, 40) + "…");
      }
    }
    if (limit < 1 || limit > 1000) {
      throw RejectedInput.badRequest("limit", "input.limit", limit, 1, 1000);
    }
    List<MailOutbox.View> mails = outbox.list(s, limit);
    return Map.of("smtpConfigured", sender.configured(), "pending", outbox.count(MailOutbox.State.pending),
        "failed", outbox.count(MailOutbox.State.failed), "mails", mails);
  }

  /** A failed mail is pending again, with a fresh round of attempts. */
  @PostMapping("/{id}/retry")
  MailOutbox.View retry(@PathVariable long id) {
    MailOutbox.View mail = outbox.find(id)
        .orElseThrow(() -> new RejectedInput(HttpStatus.NOT_FOUND, "id", "input.noMail", id));
    if (!outbox.retry(id, EngineClock.instant())) {
      throw new RejectedInput(HttpStatus.CONFLICT, "id", "input.mailNotRetried", id, mail.state());
    }
    return outbox.find(id).orElseThrow();
  }
}
