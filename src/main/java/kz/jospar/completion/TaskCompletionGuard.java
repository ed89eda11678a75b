package kz.jospar.completion;

import kz.jospar.access.PersonNames;
import kz.jospar.reporting.BodyReportVariables;

import kz.jospar.engine.Acting;

import kz.jospar.completion.FieldValue;
import kz.jospar.engine.FormSubmission;
import kz.jospar.completion.DocumentTypes;

import kz.jospar.completion.FourEyes;

import kz.jospar.completion.FormRules;

import kz.jospar.language.CompletionRefusedException;

import kz.jospar.engine.FormRejectedException;

import kz.jospar.language.FieldError;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import kz.jospar.catalog.PlanRow;
import kz.jospar.access.Roles;
import kz.jospar.language.Languages;
import kz.jospar.reporting.Decisions;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import kz.jospar.reporting.ReportService;
import kz.jospar.reporting.Routing;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The completion check ({@code ${taskCompletionGuard}}, every model task's complete listener): the one
 * check every door reaches, because it runs inside the engine's completion whoever called it. It
 * decides who may complete from Jospar's records (the body's assignment, the catalog), never from the
 * task's candidate links or variables; it accepts exactly the form's fields; it records the decision
 * the next step acts on. A refusal rolls the whole completion back.
 */
@Component("taskCompletionGuard")
class TaskCompletionGuard implements TaskListener {

  private final FormRules rules;
  private final IdentityService identityService;
  private final ReportService reports;
  private final Routing routing;
  private final Decisions decisions;
  private final Languages languages;
  private final MessageSource words;
  private final FourEyes fourEyes;

  TaskCompletionGuard(FormRules rules, IdentityService identityService, ReportService reports, Routing routing, Decisions decisions,
      Languages languages, MessageSource words, FourEyes fourEyes) {
    this.fourEyes = fourEyes;
    this.rules = rules;
    this.identityService = identityService;
    this.reports = reports;
    this.routing = routing;
    this.decisions = decisions;
    this.languages = languages;
    this.words = words;
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getTaskDefinitionKey();
    if (!rules.governs(key)) {
      return;
    }
    String instance = task.getProcessInstanceId();
    String cycleKey = task.getExecution().getProcessBusinessKey();
    var facts = reports.facts(instance);
    boolean person = Acting.anyone(identityService);
    String actor = person ? Acting.userId(identityService).orElse(null) : task.getAssignee();

    if (person) {
      List<String> groups = Acting.groupIds(identityService);
      if (groups.contains(Roles.ADMIN)) {
        throw refused(actor, FieldError.of("task", "form.task.adminDecidesNothing"));
      }
      Optional<String> group = routing.candidateGroup(key, instance, cycleKey);
      if (group.isEmpty() || !groups.contains(group.get())) {
        throw refused(actor, FieldError.of("task", "form.task.notMember", actor, group.orElse("-")));
      }
      // a task one member took is theirs until they give it back: another member does not finish it behind them
      if (task.getAssignee() != null && !task.getAssignee().equals(actor)) {
        throw refused(actor, FieldError.of("task", "form.task.heldByAnother", nameOf(task.getAssignee())));
      }
    }

    List<FieldError> errors = new ArrayList<>();
    Set<String> submitted = FormSubmission.current();
    Set<String> allowed = rules.fields(key);
    if (submitted != null) {
      new TreeSet<>(submitted).stream().filter(name -> !allowed.contains(name))
          .forEach(name -> errors.add(FieldError.of(name, "form.field.unknown", String.join(", ", new TreeSet<>(allowed)))));
    }
    PlanRow row = cycleKey == null ? null : routing.row(cycleKey);
    Map<String, FileValue> documents = new HashMap<>();
    errors.addAll(rules.check(key, recordsFirst(task, facts, row, documents)));
    if (!errors.isEmpty()) {
      throw new FormRejectedException(localized(actor, errors));
    }
    Optional<FieldError> barred = fourEyes.check(key, instance, actor);
    if (barred.isPresent()) {
      throw refused(actor, barred.get());
    }
    // a document is stored, and served back, as what its content is, never as what the uploader said
    documents.forEach((name, file) -> task.setVariable(name, DocumentTypes.withCheckedType(file, DocumentTypes.check(file))));
    decisions.record(instance, key, task.getId(), actor, outcome(key, task));
  }

  /** The form's values, except what Jospar's records say: whether the body may decline, the row's quota, its indicators. */
  private static Function<String, FieldValue> recordsFirst(DelegateTask task, Optional<ReportService.Facts> facts, PlanRow row,
      Map<String, FileValue> documents) {
    return name -> {
      if (Vars.BY_AGREEMENT.equals(name)) {
        return facts.map(f -> (FieldValue) new FieldValue.Bool(f.byAgreement())).orElse(null);
      }
      if (Vars.RECORDS_INDICATORS.equals(name)) {
        return row == null ? null : new FieldValue.Bool(row.recordsIndicators());
      }
      if (Vars.QUOTA_COUNT.equals(name)) {
        return row == null || row.quota() == null ? null : new FieldValue.Num(BigDecimal.valueOf(row.quota().count()));
      }
      TypedValue value = task.getVariableTyped(name, false);
      if (value instanceof FileValue file && file.getValue() != null) {
        documents.put(name, file);
      }
      return fromJava(value);
    };
  }

  private static Decisions.Outcome outcome(String key, DelegateTask task) {
    return switch (key) {
      case ReportProcess.TASK_SUBMIT_REPORT -> BodyReportVariables.DECLINED.isTrue(task)
          ? Decisions.Outcome.DECLINED : Decisions.Outcome.SUBMITTED;
      case ReportProcess.TASK_REVIEW_BY_SUPERVISOR -> BodyReportVariables.APPROVED.isTrue(task)
          ? Decisions.Outcome.APPROVED : Decisions.Outcome.RETURNED;
      case ReportProcess.TASK_REVIEW_BY_COORDINATOR -> BodyReportVariables.ACCEPTED.isTrue(task)
          ? Decisions.Outcome.ACCEPTED : Decisions.Outcome.RETURNED;
      default -> Decisions.Outcome.DONE;
    };
  }

  /** "Айгүл Серікова", or the id when the directory has no name. */
  private String nameOf(String userId) {
    var user = identityService.createUserQuery().userId(userId).singleResult();
    return user == null ? userId : PersonNames.of(user);
  }

  private CompletionRefusedException refused(String actor, FieldError error) {
    return new CompletionRefusedException(localized(actor, List.of(error)));
  }

  /** Each field's error in the person's language: their choice, else the request's Accept-Language, else English. */
  private List<FieldError.Said> localized(String actor, List<FieldError> errors) {
    Locale locale = languages.forApi(actor, currentRequest());
    return errors.stream().map(e -> new FieldError.Said(e.field(), e.in(words, locale), locale.getLanguage())).toList();
  }

  static HttpServletRequest currentRequest() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a ? a.getRequest() : null;
  }

  static FieldValue fromJava(TypedValue typed) {
    if (typed == null || typed.getValue() == null) {
      return null;
    }
    if (typed instanceof FileValue file) {
      return DocumentTypes.document(file.getFilename(), bytes(file.getValue()));
    }
    Object v = typed.getValue();
    if (v instanceof String s) {
      return new FieldValue.Text(s);
    } else if (v instanceof Boolean b) {
      return new FieldValue.Bool(b);
    } else if (v instanceof Number n) {
      return new FieldValue.Num(new BigDecimal(n.toString()));
    } else if (v instanceof Date d) {
      return new FieldValue.Day(d.toInstant().toString());
    } else if (v instanceof byte[] bytes) {
      return new FieldValue.Document(null, bytes.length);
    }
    return new FieldValue.Wrong("a value of type " + typed.getType().getName());
  }

  private static byte[] bytes(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
