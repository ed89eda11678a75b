package kz.jospar.mail;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Jospar sends its e-mail. The SMTP server itself is Spring Boot's {@code spring.mail.*}
 * (from {@code JOSPAR_SMTP_*}); without a host, mail waits in the outbox.
 *
 * @param from the sender address ({@code JOSPAR_MAIL_FROM})
 * @param publicUrl where people reach Jospar, for the links to their tasks ({@code JOSPAR_PUBLIC_URL})
 * @param zone the time zone due dates are written in
 * @param sendInterval how often each node looks for mail to send
 * @param batchSize at most this many mails per look
 * @param lockTime a node's claim on a mail it is sending; a node that dies holding one frees it when this expires
 * @param retries the waits after the 1st, 2nd, … failed attempt; after the last, the mail is failed
 * @param digestCron when the daily digests go out (Spring cron, in {@code zone})
 * @param scheduled false: nothing sends on its own (tests drive the sender)
 * @param keep how long sent mails (and those that went out in a digest, or were skipped) stay in the outbox, and
 *     notifications read in the desk stay in it
 */
@ConfigurationProperties("jospar.mail")
record MailProperties(String from, String publicUrl, ZoneId zone, Duration sendInterval, int batchSize, Duration lockTime,
    List<Duration> retries, String digestCron, boolean scheduled, Duration keep) {

  /**
   * The desk's page of one task, or the person's list when there is no task: where people work (a
   * task done meanwhile says so there, in the reader's language, instead of an engine error).
   */
  String taskLink(String taskId) {
    String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return base + "/jospar/desk" + (taskId == null ? "" : "/task/" + taskId);
  }
}
