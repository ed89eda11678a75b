package kz.jospar.ops;

import java.io.PrintStream;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Says why a start failed, in plain lines on standard error, before anything else there: the logs
 * are JSON lines on standard output in production, where the analysis would be one escaped string.
 * journalctl -u jospar shows these lines as they are.
 */
class PlainFailureReporter implements FailureAnalysisReporter {

  @Override
  public void report(FailureAnalysis analysis) {
    PrintStream err = System.err;
    err.println(analysis.getDescription());
    err.println("What to do: " + analysis.getAction());
    if (analysis.getCause() != null) {
      String message = String.valueOf(analysis.getCause().getMessage()).lines().findFirst().orElse("");
      err.println("(the error: " + analysis.getCause().getClass().getSimpleName() + ": " + message + ")");
    }
    err.flush();
  }
}
