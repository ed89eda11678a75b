package kz.jospar.desk;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import kz.jospar.reporting.CycleProperties;
import org.springframework.stereotype.Component;

/** Moments as the desk says them: in Astana's time (the plan's zone), in the reader's language. */
@Component
class DeskTimes {

  private final ZoneId zone;

  DeskTimes(CycleProperties cycles) {
    this.zone = cycles.zone();
  }

  ZoneId zone() {
    return zone;
  }

  /** "16 нояб. 2026 г., 10:00" in Russian, "16 Nov 2026, 10:00" in English. */
  String dateTime(Instant moment, Locale locale) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).format(moment.atZone(zone));
  }
}
