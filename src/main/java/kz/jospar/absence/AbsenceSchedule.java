package kz.jospar.absence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every node checks each minute for absences that start or end; the state update each move makes
 * ({@link Absences#runDue}) keeps two nodes from handing a task over or back twice.
 */
@Component
@ConditionalOnProperty(name = "jospar.absence.scheduled", havingValue = "true", matchIfMissing = true)
class AbsenceSchedule {

  private static final Logger log = LoggerFactory.getLogger(AbsenceSchedule.class);

  private final Absences absences;

  AbsenceSchedule(Absences absences) {
    this.absences = absences;
  }

  @Scheduled(fixedDelayString = "${jospar.absence.check-interval:PT1M}", initialDelayString = "${jospar.absence.check-interval:PT1M}")
  void check() {
    try {
      absences.runDue();
    } catch (RuntimeException e) {
      log.error("Absences: the start or end of an absence could not be done; trying again at the next check", e);
    }
  }
}
