package kz.jospar.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** E-mail notifications: the outbox's figures for monitoring, and the schedule that sends. */
@Configuration
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

  /**
   * {@code jospar_mail_pending}, {@code jospar_mail_failed}, {@code jospar_mail_digest_waiting}; with
   * the counters {@code jospar_mail_sent_total} and {@code jospar_mail_send_errors_total}. A figure
   * that cannot be read is NaN.
   */
  @Bean
  Object mailGauges(MailOutbox outbox, MeterRegistry registry) {
    gauge(registry, outbox, "jospar.mail.pending", "E-mails waiting to be sent (or for an SMTP server)", MailOutbox.State.pending);
    gauge(registry, outbox, "jospar.mail.failed", "E-mails given up after every retry: GET /api/mail/outbox?state=failed",
        MailOutbox.State.failed);
    gauge(registry, outbox, "jospar.mail.digest.waiting", "E-mails waiting for their recipient's daily digest", MailOutbox.State.digest);
    return new Object();
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

  /** Every node sends and writes digests; the outbox's claims keep them from doing anything twice. */
  @Component
  @ConditionalOnProperty(name = "jospar.mail.scheduled", havingValue = "true", matchIfMissing = true)
  static class MailSchedule {

    private static final Logger log = LoggerFactory.getLogger(MailSchedule.class);

    private final OutboxSender sender;
    private final DailyDigest digest;

    MailSchedule(OutboxSender sender, DailyDigest digest) {
      this.sender = sender;
      this.digest = digest;
    }

    @Scheduled(fixedDelayString = "${jospar.mail.send-interval}", initialDelayString = "${jospar.mail.send-interval}")
    void send() {
      try {
        sender.sendDue();
      } catch (RuntimeException e) {
        log.error("E-mail: the outbox could not be read; trying again at the next run", e);
      }
    }

    @Scheduled(cron = "${jospar.mail.digest-cron}", zone = "${jospar.mail.zone}")
    void digests() {
      try {
        digest.run();
        sender.sendDue();
      } catch (RuntimeException e) {
        log.error("E-mail: the daily digests could not be written; trying again tomorrow", e);
      }
    }
  }
}
