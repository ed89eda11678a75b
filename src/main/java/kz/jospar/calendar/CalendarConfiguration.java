package kz.jospar.calendar;

import kz.jospar.catalog.CatalogProperties;
import kz.jospar.catalog.Plans;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Loads the working calendar at start-up and refuses a plan whose years it does not cover; one calendar per plan. */
@Configuration
class CalendarConfiguration {

  @Bean
  WorkingCalendar workingCalendar(CatalogProperties properties, Plans plans) {
    return WorkingCalendarLoader.load(properties.workingCalendar(), plans);
  }

  @Bean
  PlanCalendars planCalendars(Plans plans, WorkingCalendar workingCalendar) {
    return new PlanCalendars(plans, workingCalendar);
  }

  /** The primary plan's calendar: what a request or a screen that names no plan means. */
  @Bean
  @Primary
  PlanCalendar planCalendar(PlanCalendars calendars) {
    return calendars.all().get(0);
  }
}
