package kz.jospar.calendar;

import java.util.List;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.language.RejectedInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every (item or sub-item, period) due in a year, with its deadline. */
@RestController
class CalendarController {

  private final PlanCalendar calendar;
  private final PlanCatalog catalog;

  CalendarController(PlanCalendar calendar, PlanCatalog catalog) {
    this.calendar = calendar;
    this.catalog = catalog;
  }

  record CalendarView(int year, int periods, List<PlanPeriod> entries) {}

  @GetMapping("/api/plan/calendar")
  CalendarView year(@RequestParam int year) {
    if (!catalog.coversYear(year)) {
      throw RejectedInput.badRequest("year", "error.year", year, catalog.firstYear(), catalog.lastYear());
    }
    List<PlanPeriod> entries = calendar.year(year);
    return new CalendarView(year, entries.size(), entries);
  }
}
