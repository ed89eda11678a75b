package kz.jospar.calendar;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Every (item or sub-item, period) due in a year, with its deadline. */
@RestController
class CalendarController {

  private final PlanCalendar calendar;

  CalendarController(PlanCalendar calendar) {
    this.calendar = calendar;
  }

  record CalendarView(int year, int periods, List<PlanPeriod> entries) {}

  @GetMapping("/api/plan/calendar")
  CalendarView year(@RequestParam int year) {
    try {
      List<PlanPeriod> entries = calendar.year(year);
      return new CalendarView(year, entries.size(), entries);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "year: " + e.getMessage());
    }
  }
}
