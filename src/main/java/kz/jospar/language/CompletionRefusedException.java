package kz.jospar.language;

import kz.jospar.language.FieldError;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;

/**
 * A completion refused because of who tried it (not a member of the task's group, an administrator,
 * the report's own submitter or approver): 403 on every door, in the person's language.
 */
public class CompletionRefusedException extends AuthorizationException {

  private final List<FieldError.Said> errors;

  public CompletionRefusedException(List<FieldError.Said> errors) {
    super(FieldError.Said.joined(errors));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError.Said> errors() {
    return errors;
  }
}
