package kz.jospar.reporting;

import java.time.OffsetDateTime;
import kz.jospar.reporting.ReportProcess.Event;

/**
 * A step of the audit trail, published to the application as it is recorded, inside the step's
 * transaction: a listener that writes (the mail outbox) commits or rolls back with the step.
 *
 * @param body null for a step of the whole cycle
 * @param reason the step's reason or detail, as recorded (a return's reason)
 */
public record ReportStep(String cycleKey, String body, Event event, String actor, OffsetDateTime at, String reason) {}
