package kz.jospar.mail;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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

  /** {@code ?state=failed} (the default), pending, sent, digest, digested or all; newest first, at most {@code limit}. */
  @GetMapping
  Map<String, Object> list(@RequestParam(defaultValue = "failed") String state, @RequestParam(defaultValue = "100") int limit) {
    MailOutbox.State s = null;
    if (!"all".equals(state)) {
      try {
        s = MailOutbox.State.valueOf(state);
      } catch (IllegalArgumentException e) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "state: expected one of pending, sent, failed, digest, digested, all; got '" + state + "'");
      }
    }
    if (limit < 1 || limit > 1000) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit: expected 1 to 1000, got " + limit);
    }
    List<MailOutbox.View> mails = outbox.list(s, limit);
    return Map.of("smtpConfigured", sender.configured(), "pending", outbox.count(MailOutbox.State.pending),
        "failed", outbox.count(MailOutbox.State.failed), "mails", mails);
  }

  /** A failed mail is pending again, with a fresh round of attempts. */
  @PostMapping("/{id}/retry")
  MailOutbox.View retry(@PathVariable long id) {
    MailOutbox.View mail = outbox.find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "mail " + id + ": no such mail in the outbox"));
    if (!outbox.retry(id, ClockUtil.getCurrentTime().toInstant())) {
      throw new ResponseStatusException(HttpStatus.CONFLICT,
          "mail " + id + " is " + mail.state() + (mail.address() == null ? " and has no address" : "") + "; only a failed mail with an address is retried");
    }
    return outbox.find(id).orElseThrow();
  }
}
