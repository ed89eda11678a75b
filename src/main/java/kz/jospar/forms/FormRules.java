package kz.jospar.forms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import kz.jospar.catalog.Indicator;
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

  FormRules(PlanCatalog catalog, CycleProperties properties) {
    this.catalog = catalog;
    this.maxDocumentBytes = properties.maxDocument().toBytes();
  }

  public long maxDocumentBytes() {
    return maxDocumentBytes;
  }

  /**
   * The variables a completion of each task may carry: its form's fields and nothing else, so a
   * caller cannot rewrite the report's context (its body, cycle, due date, submitter).
   */
  public java.util.Set<String> fields(String taskKey) {
    return switch (taskKey) {
      case ReportProcess.TASK_SUBMIT_REPORT -> Set.of(Vars.REPORT_TEXT, Vars.ACHIEVED_COUNT, Vars.REPORT_DOCUMENT, Vars.DECLINED, Vars.DECLINE_REASON);
      case ReportProcess.TASK_REVIEW_BY_SUPERVISOR -> Set.of(Vars.APPROVED, Vars.RETURN_REASON);
      case ReportProcess.TASK_REVIEW_BY_COORDINATOR -> Set.of(Vars.ACCEPTED, Vars.RETURN_REASON);
      case ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2 -> Set.of(Vars.OVERDUE_ACTION);
      case ReportProcess.TASK_CONSOLIDATE_REPORTS -> Set.of(Vars.CONSOLIDATED_SUMMARY, Vars.CONSOLIDATED_DOCUMENT);
      case ReportProcess.TASK_CLOSE_PERIOD -> Set.of(Vars.CLOSING_NOTE, Vars.indicatorValue(1), Vars.indicatorValue(2), Vars.indicatorValue(3));
      case ReportProcess.TASK_PREPARE_SESSION -> Set.of(Vars.SESSION_PLAN, Vars.SESSION_DATE);
      case ReportProcess.TASK_RECORD_SESSION_HELD -> Set.of(Vars.SESSION_HELD_ON, Vars.SESSION_MINUTES);
      case ReportProcess.TASK_UPDATE_REGISTER -> Set.of(Vars.REGISTER_DOCUMENT, Vars.ASSOCIATIONS_COUNT, Vars.REGISTER_NOTE);
      default -> Set.of();
    };
  }

  /**
   * Decisions count only when given with this completion: a previous round's "return" and its
   * reason must never decide the next round.
   */
  public static final Set<String> FRESH = Set.of(Vars.APPROVED, Vars.ACCEPTED, Vars.RETURN_REASON, Vars.OVERDUE_ACTION,
      Vars.DECLINED, Vars.DECLINE_REASON);

  /** The task keys whose forms are checked here; any other task is not Jospar's to judge. */
  public boolean governs(String taskKey) {
    return switch (taskKey) {
      case ReportProcess.TASK_SUBMIT_REPORT, ReportProcess.TASK_REVIEW_BY_SUPERVISOR, ReportProcess.TASK_REVIEW_BY_COORDINATOR,
          ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2, ReportProcess.TASK_CONSOLIDATE_REPORTS,
          ReportProcess.TASK_CLOSE_PERIOD, ReportProcess.TASK_PREPARE_SESSION, ReportProcess.TASK_RECORD_SESSION_HELD,
          ReportProcess.TASK_UPDATE_REGISTER -> true;
      default -> false;
    };
  }

  /**
   * Checks a completion.
   *
   * @param values the task's variables as they would be after the completion (submitted over existing)
   */
  public List<FieldError> check(String taskKey, Function<String, FieldValue> values) {
    List<FieldError> errors = new ArrayList<>();
    Check c = new Check(values, errors);
    switch (taskKey) {
      case ReportProcess.TASK_SUBMIT_REPORT -> {
        boolean byAgreement = c.flag(Vars.BY_AGREEMENT);
        FieldValue declined = values.apply(Vars.DECLINED);
        boolean declines = declined instanceof FieldValue.Bool b && b.value();
        if (declined != null && !(declined instanceof FieldValue.Bool)) {
          errors.add(FieldError.of(Vars.DECLINED, "form.bool.expected", describe(declined)));
        }
        if (declines && !byAgreement) {
          errors.add(FieldError.of(Vars.DECLINED, "form.declined.byOrder"));
        } else if (declines) {
          c.text(Vars.DECLINE_REASON, true, SHORT_TEXT);
        } else {
          c.text(Vars.REPORT_TEXT, true, LONG_TEXT);
          if (values.apply(Vars.QUOTA_COUNT) != null) {
            c.count(Vars.ACHIEVED_COUNT, true);
          } else {
            c.count(Vars.ACHIEVED_COUNT, false);
          }
          c.document(Vars.REPORT_DOCUMENT, true);
        }
      }
      case ReportProcess.TASK_REVIEW_BY_SUPERVISOR -> c.decision(Vars.APPROVED);
      case ReportProcess.TASK_REVIEW_BY_COORDINATOR -> c.decision(Vars.ACCEPTED);
      case ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1, ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2 ->
          c.text(Vars.OVERDUE_ACTION, true, SHORT_TEXT);
      case ReportProcess.TASK_CONSOLIDATE_REPORTS -> {
        c.text(Vars.CONSOLIDATED_SUMMARY, true, LONG_TEXT);
        c.document(Vars.CONSOLIDATED_DOCUMENT, false);
      }
      case ReportProcess.TASK_CLOSE_PERIOD -> {
        c.text(Vars.CLOSING_NOTE, false, SHORT_TEXT);
        if (c.flag(Vars.RECORDS_INDICATORS)) {
          for (Indicator i : catalog.indicators()) {
            c.percentage(Vars.indicatorValue(i.number()));
          }
        }
      }
      case ReportProcess.TASK_PREPARE_SESSION -> {
        c.text(Vars.SESSION_PLAN, true, LONG_TEXT);
        c.day(Vars.SESSION_DATE);
      }
      case ReportProcess.TASK_RECORD_SESSION_HELD -> {
        c.day(Vars.SESSION_HELD_ON);
        c.document(Vars.SESSION_MINUTES, true);
      }
      case ReportProcess.TASK_UPDATE_REGISTER -> {
        c.document(Vars.REGISTER_DOCUMENT, true);
        c.count(Vars.ASSOCIATIONS_COUNT, true);
        c.text(Vars.REGISTER_NOTE, false, SHORT_TEXT);
      }
      default -> { }
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

    void percentage(String name) {
      FieldValue v = values.apply(name);
      if (v == null) {
        errors.add(FieldError.of(name, "form.percent.required"));
      } else if (!(v instanceof FieldValue.Num n)) {
        errors.add(FieldError.of(name, "form.percent.expected", describe(v)));
      } else if (n.value().compareTo(BigDecimal.ZERO) < 0 || n.value().compareTo(BigDecimal.valueOf(100)) > 0) {
        errors.add(FieldError.of(name, "form.percent.range", n.value().toPlainString()));
      }
    }

    void day(String name) {
      FieldValue v = values.apply(name);
      if (v == null) {
        errors.add(FieldError.of(name, "form.date.required"));
      } else if (!(v instanceof FieldValue.Day)) {
        errors.add(FieldError.of(name, "form.date.expected", describe(v)));
      }
    }

    void decision(String name) {
      FieldValue v = values.apply(name);
      if (v == null) {
        errors.add(FieldError.of(name, "form.decision.required"));
      } else if (!(v instanceof FieldValue.Bool b)) {
        errors.add(FieldError.of(name, "form.bool.expected", describe(v)));
      } else if (!b.value()) {
        text(Vars.RETURN_REASON, true, SHORT_TEXT);
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
