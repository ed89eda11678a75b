package kz.jospar.reporting;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How report cycles are timed. Every duration is here (and in the README), none in the models.
 *
 * @param zone the plan's time zone: deadlines are days in Kazakhstan
 * @param dueTime when on the deadline day a report is due (end of the working day)
 * @param leadTime how long before its deadline a period is opened by the engine
 * @param reminderWorkingDays a reminder this many working days before the due date
 * @param escalationLevel2WorkingDays level 2 (to the coordinator) this many working days after the due date
 * @param returnWorkingDays a returned report is due again this many working days after the return
 * @param openingCron when the engine looks for periods to open (Camunda timer cycle, cron syntax)
 * @param maxDocument the largest document a report may carry
 */
@ConfigurationProperties("jospar.cycles")
public record CycleProperties(
    ZoneId zone,
    LocalTime dueTime,
    Duration leadTime,
    int reminderWorkingDays,
    int escalationLevel2WorkingDays,
    int returnWorkingDays,
    String openingCron,
    DataSize maxDocument) {}
