package kz.jospar.reporting;

import org.springframework.stereotype.Component;

/** The PlanScheduler model's timer reads its cycle from here ({@code ${schedulerTiming.openingCron}}). */
@Component("schedulerTiming")
public class SchedulerTiming {

  private final CycleProperties properties;

  SchedulerTiming(CycleProperties properties) {
    this.properties = properties;
  }

  public String getOpeningCron() {
    return properties.openingCron();
  }
}
