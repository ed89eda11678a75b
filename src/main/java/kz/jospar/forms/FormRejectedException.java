package kz.jospar.forms;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;

/** A completion refused because its form is not valid; the task stays as it was. */
public class FormRejectedException extends ProcessEngineException {

  private final List<FieldError> errors;

  public FormRejectedException(List<FieldError> errors) {
    super("form not accepted: " + String.join("; ", errors.stream().map(FieldError::toString).toList()));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
