package kz.jospar.completion;

import kz.jospar.completion.FieldValue;
import kz.jospar.completion.TaskForm;
import kz.jospar.completion.DocumentTypes;

import kz.jospar.language.FieldError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import kz.jospar.completion.TaskForm.Field;
import kz.jospar.completion.TaskForm.Kind;
import kz.jospar.completion.TaskForm.Need;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.reporting.CycleProperties;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * What each task's form must carry, checked on the server whatever the door (Tasklist, the REST
 * API, the Java API). The browser checks the same, but only the server's word counts.
 */
@Component
public class FormRules {

  static final int SHORT_TEXT = 2000;
  static final int LONG_TEXT = 4000;

  private final PlanCatalog catalog;
  private final long maxDocumentBytes;
  private final Map<String, TaskForm> forms;

  FormRules(PlanCatalog catalog, CycleProperties properties) {
    this.catalog = catalog;
    this.maxDocumentBytes = properties.maxDocument().toBytes();
    this.forms = forms();
  }

  /** The kinds of document every form's document field takes, as a person reads them. */
  public static String acceptedDocuments() {
    return DocumentTypes.ACCEPTED;
  }

  public long maxDocumentBytes() {
    return maxDocumentBytes;
  }

  /** Every task's form, by task key: the one definition the check, the desk and the tests read. */
  private Map<String, TaskForm> forms() {
    List<Field> indicators = catalog.indicators().stream()
        .map(i -> Field.of(Vars.indicatorValue(i.number()), Kind.PERCENT, Need.IF_INDICATORS)).toList();
    List<Field> closing = new ArrayList<>(List.of(Field.text(Vars.CLOSING_NOTE, Need.OPTIONAL, SHORT_TEXT)));
    closing.addAll(indicators);
    Map<String, TaskForm> forms = new LinkedHashMap<>();
    for (TaskForm f : List.of(
        new TaskForm(ReportProcess.TASK_SUBMIT_REPORT, List.of(
            Field.text(Vars.REPORT_TEXT, Need.UNLESS_DECLINED, LONG_TEXT),
            Field.of(Vars.ACHIEVED_COUNT, Kind.COUNT, Need.IF_QUOTA),
            Field.of(Vars.REPORT_DOCUMENT, Kind.DOCUMENT, Need.UNLESS_DECLINED),
            Field.of(Vars.DECLINED, Kind.FLAG, Need.BY_AGREEMENT_ONLY),
            Field.text(Vars.DECLINE_REASON, Need.IF_DECLINED, SHORT_TEXT))),
        new TaskForm(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, List.of(
            Field.of(Vars.APPROVED, Kind.DECISION, Need.REQUIRED), Field.text(Vars.RETURN_REASON, Need.IF_RETURNED, SHORT_TEXT))),
        new TaskForm(ReportProcess.TASK_REVIEW_BY_COORDINATOR, List.of(
            Field.of(Vars.ACCEPTED, Kind.DECISION, Need.REQUIRED), Field.text(Vars.RETURN_REASON, Need.IF_RETURNED, SHORT_TEXT))),
        new TaskForm(ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1, List.of(Field.text(Vars.OVERDUE_ACTION, Need.REQUIRED, SHORT_TEXT))),
        new TaskForm(ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2, List.of(Field.text(Vars.OVERDUE_ACTION, Need.REQUIRED, SHORT_TEXT))),
        new TaskForm(ReportProcess.TASK_CONSOLIDATE_REPORTS, List.of(
            Field.text(Vars.CONSOLIDATED_SUMMARY, Need.REQUIRED, LONG_TEXT), Field.of(Vars.CONSOLIDATED_DOCUMENT, Kind.DOCUMENT, Need.OPTIONAL))),
        new TaskForm(ReportProcess.TASK_CLOSE_PERIOD, List.copyOf(closing)),
        new TaskForm(ReportProcess.TASK_PREPARE_SESSION, List.of(
            Field.text(Vars.SESSION_PLAN, Need.REQUIRED, LONG_TEXT), Field.of(Vars.SESSION_DATE, Kind.DATE, Need.REQUIRED))),
        new TaskForm(ReportProcess.TASK_RECORD_SESSION_HELD, List.of(
            Field.of(Vars.SESSION_HELD_ON, Kind.DATE, Need.REQUIRED), Field.of(Vars.SESSION_MINUTES, Kind.DOCUMENT, Need.REQUIRED))),
        new TaskForm(ReportProcess.TASK_UPDATE_REGISTER, List.of(
            Field.of(Vars.REGISTER_DOCUMENT, Kind.DOCUMENT, Need.REQUIRED), Field.of(Vars.ASSOCIATIONS_COUNT, Kind.COUNT, Need.REQUIRED),
            Field.text(Vars.REGISTER_NOTE, Need.OPTIONAL, SHORT_TEXT))))) {
      forms.put(f.taskKey(), f);
    }
    return Map.copyOf(forms);
  }

  /** The form of a task, if Jospar has one for it. */
  public Optional<TaskForm> form(String taskKey) {
    return Optional.ofNullable(forms.get(taskKey));
  }

  /**
   * The variables a completion of each task may carry: its form's fields and nothing else, so a
   * caller cannot rewrite the report's context (its body, cycle, due date, submitter).
   */
  public Set<String> fields(String taskKey) {
    return form(taskKey).map(TaskForm::names).orElse(Set.of());
  }

  /**
   * Decisions count only when given with this completion: a previous round's "return" and its
   * reason must never decide the next round.
   */
  public static final Set<String> FRESH = Set.of(Vars.APPROVED, Vars.ACCEPTED, Vars.RETURN_REASON, Vars.OVERDUE_ACTION,
      Vars.DECLINED, Vars.DECLINE_REASON);

  /** The task keys whose forms are checked here; any other task is not Jospar's to judge. */
  public boolean governs(String taskKey) {
    return forms.containsKey(taskKey);
  }

  /**
   * Checks a completion against the task's form. A field whose need does not apply (the report
   * fields of a body that declines) is not looked at; an optional one is checked when given.
   *
   * @param values the task's variables as they would be after the completion (submitted over existing)
   */
  public List<FieldError> check(String taskKey, Function<String, FieldValue> values) {
    List<FieldError> errors = new ArrayList<>();
    TaskForm form = forms.get(taskKey);
    if (form == null) {
      return errors;
    }
    Check c = new Check(values, errors);
    boolean declines = false;
    for (Field f : form.fields()) {
      if (f.need() == Need.BY_AGREEMENT_ONLY) {
        FieldValue v = values.apply(f.name());
        boolean set = v instanceof FieldValue.Bool b && b.value();
        if (v != null && !(v instanceof FieldValue.Bool)) {
          errors.add(FieldError.of(f.name(), "form.bool.expected", describe(v)));
        }
        if (set && !c.flag(Vars.BY_AGREEMENT)) {
          errors.add(FieldError.of(f.name(), "form.declined.byOrder"));
          return errors; // nothing else of a report a body may not decline is judged
        }
        declines |= set;
      }
    }
    FieldValue decision = form.fields().stream().filter(f -> f.kind() == Kind.DECISION).findFirst().map(f -> values.apply(f.name()))
        .orElse(null);
    boolean returns = decision instanceof FieldValue.Bool b && !b.value();
    boolean quota = values.apply(Vars.QUOTA_COUNT) != null;
    boolean indicators = c.flag(Vars.RECORDS_INDICATORS);
    for (Field f : form.fields()) {
      Boolean required = switch (f.need()) {
        case REQUIRED -> true;
        case OPTIONAL -> false;
        case UNLESS_DECLINED -> declines ? null : true;
        case IF_DECLINED -> declines ? true : null;
        case IF_QUOTA -> declines ? null : quota;
        case IF_RETURNED -> returns ? true : null;
        case IF_INDICATORS -> indicators ? true : null;
        case BY_AGREEMENT_ONLY -> null; // judged above
      };
      if (required == null) {
        continue;
      }
      switch (f.kind()) {
        case TEXT -> c.text(f.name(), required, f.max());
        case COUNT -> c.count(f.name(), required);
        case PERCENT -> c.percentage(f.name(), required);
        case DATE -> c.day(f.name(), required);
        case DOCUMENT -> c.document(f.name(), required);
        case DECISION -> c.decision(f.name(), required);
        case FLAG -> { }
      }
    }
    return errors;
  }

  static org.springframework.context.MessageSourceResolvable describe(FieldValue v) {
    if (v instanceof FieldValue.Text t) {
      return FieldError.words("value.text", abbreviate(t.value()));
    } else if (v instanceof FieldValue.Num n) {
      return FieldError.words("value.number", n.value().toPlainString());
    } else if (v instanceof FieldValue.Bool b) {
      return FieldError.words("value.bool", String.valueOf(b.value()));
    } else if (v instanceof FieldValue.Day d) {
      return FieldError.words("value.date", d.iso());
    } else if (v instanceof FieldValue.Document) {
      return FieldError.words("value.file");
    }
    return FieldError.words("value.other", ((FieldValue.Wrong) v).description());
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private final class Check {
    private final Function<String, FieldValue> values;
    private final List<FieldError> errors;

    Check(Function<String, FieldValue> values, List<FieldError> errors) {
      this.values = values;
      this.errors = errors;
    }

    boolean flag(String name) {
      return values.apply(name) instanceof FieldValue.Bool b && b.value();
    }

    void text(String name, boolean required, int max) {
      FieldValue v = values.apply(name);
      if (v == null || (v instanceof FieldValue.Text t && t.value().isBlank())) {
        if (required) {
          errors.add(FieldError.of(name, "form.text.required", max));
        }
      } else if (!(v instanceof FieldValue.Text t)) {
        errors.add(FieldError.of(name, "form.text.expected", describe(v)));
      } else if (t.value().length() > max) {
        errors.add(FieldError.of(name, "form.text.tooLong", max, t.value().length()));
      }
    }

    void count(String name, boolean required) {
      FieldValue v = values.apply(name);
      if (v == null) {
        if (required) {
          errors.add(FieldError.of(name, "form.count.required"));
        }
      } else if (!(v instanceof FieldValue.Num n) || n.value().stripTrailingZeros().scale() > 0) {
        errors.add(FieldError.of(name, "form.count.expected", describe(v)));
      } else if (n.value().signum() < 0) {
        errors.add(FieldError.of(name, "form.count.negative", n.value().toPlainString()));
      }
    }

    void percentage(String name, boolean required) {
      FieldValue v = values.apply(name);
      if (v == null) {
        if (required) {
          errors.add(FieldError.of(name, "form.percent.required"));
        }
      } else if (!(v instanceof FieldValue.Num n)) {
        errors.add(FieldError.of(name, "form.percent.expected", describe(v)));
      } else if (n.value().compareTo(BigDecimal.ZERO) < 0 || n.value().compareTo(BigDecimal.valueOf(100)) > 0) {
        errors.add(FieldError.of(name, "form.percent.range", n.value().toPlainString()));
      }
    }

    void day(String name, boolean required) {
      FieldValue v = values.apply(name);
      if (v == null) {
        if (required) {
          errors.add(FieldError.of(name, "form.date.required"));
        }
      } else if (!(v instanceof FieldValue.Day)) {
        errors.add(FieldError.of(name, "form.date.expected", describe(v)));
      }
    }

    /** Approve/accept (true) or return (false); a return's reason is its own field. */
    void decision(String name, boolean required) {
      FieldValue v = values.apply(name);
      if (v == null) {
        if (required) {
          errors.add(FieldError.of(name, "form.decision.required"));
        }
      } else if (!(v instanceof FieldValue.Bool)) {
        errors.add(FieldError.of(name, "form.bool.expected", describe(v)));
      }
    }

    void document(String name, boolean required) {
      FieldValue v = values.apply(name);
      if (v == null) {
        if (required) {
          errors.add(FieldError.of(name, "form.document.required", DocumentTypes.ACCEPTED, maxDocumentBytes / (1024 * 1024)));
        }
      } else if (!(v instanceof FieldValue.Document d)) {
        errors.add(FieldError.of(name, "form.document.expected", describe(v)));
      } else if (d.bytes() > maxDocumentBytes) {
        errors.add(FieldError.of(name, "form.document.tooLarge", d.bytes(), maxDocumentBytes, maxDocumentBytes / (1024 * 1024)));
      } else if (d.bytes() == 0) {
        errors.add(FieldError.of(name, "form.document.empty"));
      } else if (!d.checked().accepted()) {
        // form.document.type for a name not accepted, form.document.content for content that is not what the name says
        errors.add(FieldError.of(name, d.checked().problem(), d.checked().args()));
      }
    }
  }
}
