package kz.jospar.reporting;

import java.util.Date;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable by name and type, read and written without casts: a value of another type is a clear error naming
 * the variable, not a {@link ClassCastException} somewhere later. Each model declares its own
 * ({@link CycleVariables}, {@link BodyReportVariables}, {@link ConsolidationVariables}); the names are what the models,
 * forms and REST callers use. Decisions are never taken from these: a variable is what a person may write, and who
 * decided what comes from Jospar's records.
 */
public record Variable<T>(String name, Class<T> type) {

  public static Variable<String> text(String name) {
    return new Variable<>(name, String.class);
  }

  public static Variable<Boolean> flag(String name) {
    return new Variable<>(name, Boolean.class);
  }

  /** A whole number: the forms write a Long, an expression's literal is a Long, older callers an Integer. */
  public static Variable<Long> count(String name) {
    return new Variable<>(name, Long.class);
  }

  public static Variable<Date> date(String name) {
    return new Variable<>(name, Date.class);
  }

  /** The value, or null when the variable is not set. */
  public T from(VariableScope scope) {
    return typed(scope.getVariable(name));
  }

  /** The value of a task's variable (local or of its execution), or null when it is not set. */
  public T from(TaskService tasks, String taskId) {
    return typed(tasks.getVariable(taskId, name));
  }

  /** For a flag: true only when it is set and true (anything else a caller wrote is not true, and no error). */
  public boolean isTrue(VariableScope scope) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }

  public boolean isTrue(TaskService tasks, String taskId) {
    return Boolean.TRUE.equals(tasks.getVariable(taskId, name));
  }

  /** A text that is set and not blank. */
  public boolean isGiven(VariableScope scope) {
    return from(scope) instanceof String s && !s.isBlank();
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  private T typed(Object value) {
    if (value == null) {
      return null;
    }
    if (type == Long.class && value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
      return type.cast(n.longValue());
    }
    if (!type.isInstance(value)) {
      throw new IllegalStateException("process variable '" + name + "' holds a " + value.getClass().getSimpleName()
          + ", not a " + type.getSimpleName());
    }
    return type.cast(value);
  }
}
