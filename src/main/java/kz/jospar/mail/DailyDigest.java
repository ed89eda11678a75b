package kz.jospar.mail;

import kz.jospar.engine.EngineClock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.jospar.desk.Notifications;
import kz.jospar.language.UserSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Once a day, each person who chose the digest gets one message listing what waited for them. Per
 * person in one transaction: the waiting rows are taken (a conditional UPDATE, so a second node
 * running the same digest finds nothing) and one pending digest mail is written. The same daily run
 * forgets mails sent, and desk notifications read, longer ago than {@code jospar.mail.keep}. What was done since it was written (its
 * task completed, its report moved on) is left out of the digest, and skipped with the reason.
 */
@Component
class DailyDigest {

  private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);

  private final MailOutbox outbox;
  private final MailTexts texts;
  private final UserSettings settings;
  private final TransactionTemplate transaction;
  private final MailProperties properties;
  private final Notifications desk;

  DailyDigest(MailOutbox outbox, MailTexts texts, UserSettings settings, TransactionTemplate transaction, MailProperties properties,
      Notifications desk) {
    this.outbox = outbox;
    this.texts = texts;
    this.settings = settings;
    this.transaction = transaction;
    this.properties = properties;
    this.desk = desk;
  }

  /** Writes the digests; returns how many people get one. */
  int run() {
    int written = 0;
    for (String recipient : outbox.waitingForDigest()) {
      try {
        Boolean one = transaction.execute(tx -> collect(recipient));
        if (Boolean.TRUE.equals(one)) {
          written++;
        }
      } catch (RuntimeException e) {
        log.error("E-mail: the digest of {} could not be written; its mails wait for the next run", recipient, e);
      }
    }
    if (written > 0) {
      log.info("E-mail: {} daily digests written", written);
    }
    int forgotten = outbox.forgetSentBefore(EngineClock.instant().minus(properties.keep()));
    if (forgotten > 0) {
      log.info("E-mail: {} mails sent more than {} ago removed from the outbox", forgotten, properties.keep());
    }
    int read = desk.forgetReadBefore(EngineClock.instant().minus(properties.keep()));
    if (read > 0) {
      log.info("Desk: {} notifications read more than {} ago removed", read, properties.keep());
    }
    return written;
  }

  private boolean collect(String recipient) {
    String key = UUID.randomUUID().toString();
    if (outbox.collect(recipient, key) == 0) {
      return false;
    }
    List<MailOutbox.Collected> items = new ArrayList<>();
    for (MailOutbox.Collected c : outbox.collected(key)) {
      String stale = Staleness.why(c.about());
      if (stale == null) {
        items.add(c);
      } else {
        outbox.skippedFromDigest(c.id(), stale + "; left out of the daily digest");
      }
    }
    if (items.isEmpty()) {
      return false; // everything it would have listed was done meanwhile
    }
    var locale = settings.locale(recipient);
    MailTexts.Content c = texts.digest(items.stream().map(MailOutbox.Collected::summary).toList(), locale);
    String address = items.get(items.size() - 1).address();
    Instant now = EngineClock.instant();
    outbox.add(new MailOutbox.NewMail(MailKind.digest, recipient, address, locale.getLanguage(), null, null, null, c.subject(), c.text(),
        null, MailOutbox.State.pending, null), now);
    return true;
  }
}
