package kz.jospar.reporting;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The control deadline of every human step after the submission: so many working days in Kazakhstan
 * from the moment the step arrives, with a reminder and two escalation levels like a submission's.
 *
 * @param workingDays the working days of each kind of step ({@link ControlDates.Step}, by its name: review, acceptance, ...)
 * @param reminderWorkingDays the reminder this many working days before a step's due date
 * @param escalationLevel2WorkingDays level 2 (to the coordinator) this many working days after a step's due date
 * @param extensionBeyondPlanEnd what a granted extension past the plan's last day needs: {@code confirm} (the coordinator
 *     says so explicitly) or {@code refuse}
 */
@ConfigurationProperties("jospar.control")
public record ControlProperties(Map<String, Integer> workingDays, int reminderWorkingDays, int escalationLevel2WorkingDays,
    String extensionBeyondPlanEnd) {

  public ControlProperties {
    workingDays = workingDays == null ? Map.of() : Map.copyOf(workingDays);
    if (reminderWorkingDays <= 0) {
      reminderWorkingDays = 1;
    }
    if (escalationLevel2WorkingDays <= 0) {
      escalationLevel2WorkingDays = 3;
    }
    if (extensionBeyondPlanEnd == null || extensionBeyondPlanEnd.isBlank()) {
      extensionBeyondPlanEnd = "confirm";
    }
  }

  /** The working days of a kind of step: its configured value, else the step's default. */
  int workingDays(ControlDates.Step step) {
    Integer days = workingDays.get(step.key());
    return days != null && days > 0 ? days : step.defaultWorkingDays();
  }

  boolean refusesBeyondPlanEnd() {
    return "refuse".equalsIgnoreCase(extensionBeyondPlanEnd);
  }
}
