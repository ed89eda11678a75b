package kz.jospar.reporting;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** "Now" as the engine sees it, so tests that move the engine's clock move Jospar's too. */
final class EngineClock {

  private EngineClock() {}

  static OffsetDateTime now(ZoneId zone) {
    return ClockUtil.getCurrentTime().toInstant().atZone(zone).toOffsetDateTime();
  }
}
