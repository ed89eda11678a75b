package kz.jospar.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import kz.jospar.engine.ClusterNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;

/** Without an SMTP host (the demo's default) the sender starts, warns once, and leaves every mail pending in the outbox. */
@ExtendWith(OutputCaptureExtension.class)
class OutboxSenderWithoutSmtpTest {

  @Test
  @SuppressWarnings("unchecked")
  void withoutAnSmtpHostMailWaitsInTheOutboxAndAWarningSaysSoOnce(CapturedOutput output) {
    MailOutbox outbox = mock(MailOutbox.class);
    ObjectProvider<JavaMailSender> smtp = mock(ObjectProvider.class);
    ClusterNode node = mock(ClusterNode.class);
    when(node.id()).thenReturn("node-1");
    MailProperties properties = new MailProperties("Jospar <noreply@jospar.kz>", "http://localhost:8080", ZoneId.of("Asia/Almaty"),
        Duration.ofSeconds(30), 50, Duration.ofMinutes(5), List.of(Duration.ofMinutes(1)), "0 0 8 * * *", true, Duration.ofDays(90));

    OutboxSender sender = new OutboxSender(outbox, properties, smtp, "", node, new SimpleMeterRegistry());

    assertThat(sender.configured()).isFalse();
    assertThat(sender.sendDue()).isZero();
    assertThat(sender.sendDue()).isZero();
    verifyNoInteractions(outbox, smtp);
    assertThat(output.getAll()).containsOnlyOnce("no SMTP server is configured (JOSPAR_SMTP_HOST)");
  }
}
