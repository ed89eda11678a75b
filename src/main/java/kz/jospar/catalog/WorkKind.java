package kz.jospar.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of recurring work a plan's rows name ({@code kind: report-cycle}); each is one BPMN model whose
 * process id is {@link #processKey()}, so a row's model is chosen by data, never by its number. Adding a kind
 * is a constant here and a model {@code bpmn/<processKey>.bpmn}; start-up refuses a kind without a deployed model.
 */
public enum WorkKind {
  /** The bodies report, the lead consolidates and closes the period. */
  report_cycle("ReportCycle"),
  /** The lead prepares a session and records it held (with its minutes) before the bodies report. */
  annual_session("AnnualSession"),
  /** The bodies report, then the lead updates a register and records it. */
  register_update("RegisterUpdate"),
  /** The bodies report; closing a row that records the target indicators compares them with the plan. */
  indicator_study("IndicatorStudy"),
  /** The bodies report; a row with a quota has its outputs counted against it before consolidation. */
  quota_count("QuotaCount");

  private final String processKey;

  WorkKind(String processKey) {
    this.processKey = processKey;
  }

  /** The id of the kind's process model, and the name of its file in {@code bpmn/}. */
  public String processKey() {
    return processKey;
  }

  /** As the catalog writes it: {@code report-cycle}. */
  @JsonValue
  public String code() {
    return name().replace('_', '-');
  }
}
