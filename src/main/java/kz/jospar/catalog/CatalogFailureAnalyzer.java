package kz.jospar.catalog;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad catalog into a start-up message a person can act on, instead of a stack trace. */
class CatalogFailureAnalyzer extends AbstractFailureAnalyzer<CatalogException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, CatalogException cause) {
    return new FailureAnalysis(
        "The plan catalog is not valid, so Jospar did not start. Problems:\n  " + String.join("\n  ", cause.problems()),
        "Correct each line named above (docs/plan-catalog.md describes the format) and start again.",
        cause);
  }
}
