package kz.jospar.engine;

import kz.jospar.language.FieldError;

import kz.jospar.language.FieldError;

import java.util.List;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A completion refused because its form is not valid; the task stays as it was. A form validation
 * failure to the engine, so every REST door answers 400 with the message, already in the person's
 * language; Jospar's engine REST adds each field's error ({@link #errors()}).
 */
public class FormRejectedException extends FormFieldValidationException {

  private final List<FieldError.Said> errors;

  public FormRejectedException(List<FieldError.Said> errors) {
    super(errors.isEmpty() ? null : errors.get(0).field(), FieldError.Said.joined(errors));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError.Said> errors() {
    return errors;
  }
}
