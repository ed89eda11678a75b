package kz.jospar.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The outbox for Prometheus: {@code jospar_mail_pending}, {@code jospar_mail_failed},
 * {@code jospar_mail_digest_waiting}, read from the shared database (every node reports the same);
 * beside the counters {@code jospar_mail_sent_total}, {@code jospar_mail_send_errors_total} (this
 * node's) and {@code jospar_mail_notify_errors_total}. A figure that cannot be read is NaN.
 */
@Component
class MailMetrics {

  MailMetrics(MailOutbox outbox, MeterRegistry registry) {
    gauge(registry, outbox, "jospar.mail.pending", "E-mails waiting to be sent (or for an SMTP server)", MailOutbox.State.pending);
    gauge(registry, outbox, "jospar.mail.failed", "E-mails given up after every retry: GET /api/mail/outbox?state=failed",
        MailOutbox.State.failed);
    gauge(registry, outbox, "jospar.mail.digest.waiting", "E-mails waiting for their recipient's daily digest", MailOutbox.State.digest);
  }

  private static void gauge(MeterRegistry registry, MailOutbox outbox, String name, String description, MailOutbox.State state) {
    Gauge.builder(name, outbox, o -> {
      try {
        return o.count(state);
      } catch (RuntimeException e) {
        return Double.NaN;
      }
    }).description(description).register(registry);
  }
}
