package kz.jospar.mail;

import kz.jospar.engine.EngineClock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import kz.jospar.engine.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Sends what is due in the outbox through the SMTP server. Each mail is claimed first (a conditional
 * UPDATE, so of two nodes or two runs only one sends it), then sent, then marked sent; a failed
 * attempt is tried again after the next wait of {@code jospar.mail.retries}, then the mail is failed
 * and waits for an administrator. When the server cannot be reached, the run stops at the first mail
 * (whose attempt counts): the others are not made to wait for the same timeout, nor to use up their
 * retries on an outage. Should a node die between sending and marking, the claim expires
 * and the mail is sent again: at least once, never lost. A mail whose task was done (or whose report
 * moved on) before it could go out is not sent but skipped, with the reason ({@link Staleness}): an
 * outbox that waited for a server sends no "new task" about tasks finished in the meantime.
 */
@Component
public class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  private final MailOutbox outbox;
  private final MailProperties properties;
  private final ObjectProvider<JavaMailSender> smtp;
  private final boolean configured;
  private final String node;
  private final Counter sent;
  private final Counter errors;
  private final Counter skipped;

  OutboxSender(MailOutbox outbox, MailProperties properties, ObjectProvider<JavaMailSender> smtp,
      @Value("${spring.mail.host:}") String host, ClusterNode node, MeterRegistry registry) {
    this.outbox = outbox;
    this.properties = properties;
    this.smtp = smtp;
    this.configured = StringUtils.hasText(host);
    this.node = node.id();
    this.sent = Counter.builder("jospar.mail.sent").description("E-mails handed to the SMTP server").register(registry);
    this.errors = Counter.builder("jospar.mail.send.errors").description("Attempts to send an e-mail that failed").register(registry);
    this.skipped = Counter.builder("jospar.mail.skipped")
        .description("E-mails not sent because their task was done (or their report moved on) before they could go out").register(registry);
    if (!configured) {
      log.warn("E-mail: no SMTP server is configured (JOSPAR_SMTP_HOST); notifications are kept in the outbox as pending "
          + "and go out once a server is configured (GET /api/mail/outbox?state=pending shows them)");
    }
  }

  boolean configured() {
    return configured;
  }

  /** Sends every mail due now, a batch at a time; returns how many were sent. */
  public int sendDue() {
    if (!configured) {
      return 0;
    }
    int total = 0;
    while (true) {
      Instant now = EngineClock.instant();
      var due = outbox.due(now, properties.batchSize());
      if (due.isEmpty()) {
        return total;
      }
      int claimedAny = 0;
      String owner = node + "/" + UUID.randomUUID();
      for (long id : due) {
        if (!claim(id, owner, now)) {
          continue;
        }
        claimedAny++;
        Outcome outcome = send(id, owner);
        if (outcome == Outcome.SENT) {
          total++;
        } else if (outcome == Outcome.SERVER_DOWN) {
          // the rest would wait for the same timeout and fail the same way: they stay pending, untouched
          return total;
        }
      }
      if (claimedAny == 0 || due.size() < properties.batchSize()) {
        return total;
      }
    }
  }

  private boolean claim(long id, String owner, Instant now) {
    try {
      return outbox.claim(id, owner, now, now.plus(properties.lockTime()));
    } catch (RuntimeException e) {
      // another sender holds the row's lock (H2 times out instead of waiting): it is theirs
      log.debug("E-mail: mail {} is being claimed elsewhere: {}", id, e.toString());
      return false;
    }
  }

  private enum Outcome { SENT, SKIPPED, FAILED, SERVER_DOWN }

  private Outcome send(long id, String owner) {
    MailOutbox.Mail mail = outbox.claimed(id, owner).orElse(null);
    if (mail == null) {
      return Outcome.FAILED;
    }
    String stale = Staleness.why(mail.about());
    if (stale != null) {
      String ended = Boolean.FALSE.equals(mail.about().taskOpen())
          ? outbox.taskEnd(mail.about().taskId()).map(e -> ": " + e).orElse("") : "";
      String because = stale + ended + "; not sent";
      outbox.skipped(id, owner, because);
      skipped.increment();
      log.debug("E-mail {} ({}) to {} skipped: {}", id, mail.kind(), mail.recipient(), because);
      return Outcome.SKIPPED;
    }
    try {
      JavaMailSender sender = smtp.getObject();
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper m = new MimeMessageHelper(message, true, "UTF-8");
      m.setFrom(properties.from());
      m.setTo(mail.address());
      m.setSubject(mail.subject());
      m.setText(mail.text(), MailTexts.html(mail.text(), mail.locale()));
      message.setHeader("Content-Language", mail.locale());
      // RFC 3834: out-of-office replies and the like stay away
      message.setHeader("Auto-Submitted", "auto-generated");
      sender.send(message);
      outbox.sent(id, owner, EngineClock.instant());
      sent.increment();
      return Outcome.SENT;
    } catch (Exception e) {
      errors.increment();
      int attempt = mail.attempts() + 1;
      Instant now = EngineClock.instant();
      Duration wait = attempt <= properties.retries().size() ? properties.retries().get(attempt - 1) : null;
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      outbox.attemptFailed(id, owner, wait == null ? null : now.plus(wait), error);
      if (wait == null) {
        log.error("E-mail {} ({}) to {} failed after {} attempts and is given up; an administrator can retry it "
            + "(POST /api/mail/outbox/{}/retry): {}", id, mail.kind(), mail.recipient(), attempt, id, error);
      } else {
        log.warn("E-mail {} ({}) to {} failed (attempt {} of {}), next attempt in {}: {}", id, mail.kind(), mail.recipient(), attempt,
            properties.retries().size() + 1, wait, error);
      }
      return serverDown(e) ? Outcome.SERVER_DOWN : Outcome.FAILED;
    }
  }

  /** The server could not be reached or refused the login, as opposed to refusing this one mail (a bad address). */
  private static boolean serverDown(Exception e) {
    return e instanceof MailAuthenticationException
        || (e instanceof MailSendException && e.getMessage() != null && e.getMessage().startsWith("Mail server connection failed"));
  }
}
