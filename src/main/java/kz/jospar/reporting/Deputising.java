package kz.jospar.reporting;

import java.util.Optional;

/**
 * Who a deputy acted for: the audit trail asks this when a person takes a step, so that a step a
 * deputy took on a task handed to them during an absence names the absent person too
 * ({@code jospar_report_event.on_behalf_of}). Implemented by the absences module.
 */
public interface Deputising {

  /** The absent person whose task this was, if it was handed to {@code actor} as their deputy. */
  Optional<String> handedOverBy(String taskId, String actor);
}
