package kz.jospar.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** E-mail notifications: their settings, and the schedule that sends. */
@Configuration
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

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
