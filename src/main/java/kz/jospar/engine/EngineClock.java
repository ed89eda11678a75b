package kz.jospar.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** "Now" as the engine sees it, so tests that move the engine's clock move Jospar's too. */
public final class EngineClock {

  private EngineClock() {}

  public static OffsetDateTime now(ZoneId zone) {
    return ClockUtil.getCurrentTime().toInstant().atZone(zone).toOffsetDateTime();
  }

  public static Instant instant() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public static Date date() {
    return ClockUtil.getCurrentTime();
  }
}
