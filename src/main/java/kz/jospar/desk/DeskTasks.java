package kz.jospar.desk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kz.jospar.language.CompletionRefusedException;
import kz.jospar.language.FieldError;
import kz.jospar.engine.FormRejectedException;
import kz.jospar.completion.FormRules;
import kz.jospar.completion.FourEyes;
import kz.jospar.completion.TaskForm;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import kz.jospar.access.Caller;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import kz.jospar.reporting.ReportService;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * A person's work on one task from the desk: read and completed through the engine as that person,
 * so the command policy and the completion check decide exactly as on every other door. The desk
 * adds no rule of its own; it only turns the form's fields into the task's variables and the
 * engine's refusals into the page's errors.
 */
@Service
public class DeskTasks {

  /** The kinds decided in bulk: approvals and acceptances (a return is one at a time, with its reason). */
  static final Map<String, String> BULK = Map.of(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, Vars.APPROVED,
      ReportProcess.TASK_REVIEW_BY_COORDINATOR, Vars.ACCEPTED);

  /** What a task's page shows of the report or the item beside the form, when the task has it. */
  static final List<String> CONTEXT = List.of(Vars.COMPLETION_FORM, Vars.QUOTA_COUNT, Vars.QUOTA_UNIT, Vars.QUOTA_MINIMUM, Vars.LEAD,
      Vars.ESCALATION_LEVEL, Vars.REPORT_TEXT, Vars.ACHIEVED_COUNT, Vars.BODIES_COUNT, Vars.ACCEPTED_COUNT, Vars.DECLINED_COUNT,
      Vars.QUOTA_ACHIEVED, Vars.CONSOLIDATED_SUMMARY, Vars.SESSION_PLAN, Vars.SESSION_DATE, Vars.PERIOD_KEY, Vars.RECORDS_INDICATORS);

  /** The documents a step hands on: shown for download on the later steps (and a returned report's own). */
  static final List<String> DOCUMENTS = List.of(Vars.REPORT_DOCUMENT, Vars.CONSOLIDATED_DOCUMENT, Vars.SESSION_MINUTES, Vars.REGISTER_DOCUMENT);

  private final IdentityService identity;
  private final TaskService tasks;
  private final ReportService reports;
  private final JdbcTemplate jdbc;
  private final FormRules rules;
  private final FourEyes fourEyes;

  DeskTasks(IdentityService identity, TaskService tasks, ReportService reports, JdbcTemplate jdbc, FormRules rules, FourEyes fourEyes) {
    this.identity = identity;
    this.tasks = tasks;
    this.reports = reports;
    this.jdbc = jdbc;
    this.rules = rules;
    this.fourEyes = fourEyes;
  }

  /** The form of a task kind, the same definition the completion check judges by; empty for a task Jospar has no form for. */
  public Optional<TaskForm> form(String taskKey) {
    return rules.form(taskKey);
  }

  /** The kinds of document a form takes ("doc, docx, …, pdf") and the most bytes of one: for the page's hints. */
  public String acceptedDocuments() {
    return FormRules.acceptedDocuments();
  }

  public long maxDocumentBytes() {
    return rules.maxDocumentBytes();
  }

  /** The task as the person may see it (the engine's authorizations decide), with the report's facts and returns. */
  public Optional<Opened> open(String taskId, Caller caller) {
    return as(caller, () -> {
      Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
      if (task == null) {
        return Optional.<Opened>empty();
      }
      Optional<ReportService.Facts> facts = reports.facts(task.getProcessInstanceId());
      Map<String, Object> shown = new LinkedHashMap<>();
      List<String> names = new ArrayList<>(CONTEXT);
      names.addAll(DOCUMENTS);
      List<String> documents = new ArrayList<>();
      VariableMap values = tasks.getVariablesTyped(taskId, names, false);
      for (String name : names) {
        TypedValue value = values.getValueTyped(name);
        if (value == null || value.getValue() == null) {
          continue;
        }
        if (value instanceof FileValue) {
          documents.add(name);
        } else {
          shown.put(name, value.getValue());
        }
      }
      List<Returned> returns = facts.map(f -> jdbc.query("SELECT event, reason, occurred_at FROM jospar_report_event "
              + "WHERE cycle_key = ? AND body_code = ? AND event IN ('RETURNED_BY_SUPERVISOR', 'RETURNED_BY_COORDINATOR') ORDER BY id",
          (rs, n) -> new Returned(rs.getString("event"), rs.getString("reason"), rs.getTimestamp("occurred_at").toInstant()),
          f.cycleKey(), f.body())).orElse(List.of());
      Optional<FieldError> barred = fourEyes.check(task.getTaskDefinitionKey(), task.getProcessInstanceId(), caller.userId());
      return Optional.of(new Opened(task, facts.orElse(null), shown, List.copyOf(documents), returns, barred.orElse(null)));
    });
  }

  /**
   * A task, what the report or the item says so far, the documents it can hand over, its earlier
   * returns, and the four-eyes rule that keeps this person from deciding it (null when none does),
   * said before they start writing.
   */
  public record Opened(Task task, ReportService.Facts facts, Map<String, Object> shown, List<String> documents, List<Returned> returns,
      FieldError fourEyes) {
    public boolean hasDocument() {
      return !documents.isEmpty();
    }
  }

  public record Returned(String event, String reason, java.time.Instant at) {}

  /** The outcome of one completion: done, or the errors per field in the person's language. */
  public record Outcome(boolean done, List<FieldError.Said> errors, String refusal) {
    static Outcome ok() {
      return new Outcome(true, List.of(), null);
    }
  }

  /**
   * The kind of an open task, to read its form's fields by: nothing else of it, and nothing the
   * person is told; whether they may complete it is the engine's to decide, as them.
   */
  public Optional<String> kindOf(String taskId) {
    return jdbc.queryForList("SELECT TASK_DEF_KEY_ FROM ACT_RU_TASK WHERE ID_ = ?", String.class, taskId).stream().findFirst();
  }

  /**
   * Completes the task with the form's values, as the person: one engine command, as a completion
   * through engine REST is (no claim first: the command policy, the completion check and the audit
   * see the person all the same). A task someone else finished meanwhile is "gone", not an error.
   */
  public Outcome complete(String taskId, Caller caller, Map<String, Object> variables) {
    return as(caller, () -> {
      try {
        tasks.complete(taskId, variables);
        return Outcome.ok();
      } catch (FormRejectedException e) {
        return new Outcome(false, e.errors(), null);
      } catch (CompletionRefusedException e) {
        return new Outcome(false, e.errors(), e.getMessage());
      } catch (TaskAlreadyClaimedException | OptimisticLockingException e) {
        return new Outcome(false, List.of(), "claimed");
      } catch (NullValueException e) {
        return new Outcome(false, List.of(), "gone");
      } catch (AuthorizationException e) {
        return new Outcome(false, List.of(), e.getMessage());
      } catch (ProcessEngineException e) {
        // the engine wraps a listener's refusal; its cause says which
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
          if (t instanceof FormRejectedException rejected) {
            return new Outcome(false, rejected.errors(), null);
          }
          if (t instanceof CompletionRefusedException refused) {
            return new Outcome(false, refused.errors(), refused.getMessage());
          }
        }
        throw e;
      }
    });
  }

  /** The same decision on many reports, each checked on its own; a result per task. */
  public Map<String, Outcome> decideAll(List<String> taskIds, Caller caller) {
    Map<String, Outcome> results = new LinkedHashMap<>();
    for (String id : new ArrayList<>(new java.util.LinkedHashSet<>(taskIds))) {
      String key = jdbc.queryForList("SELECT TASK_DEF_KEY_ FROM ACT_RU_TASK WHERE ID_ = ?", String.class, id).stream().findFirst()
          .orElse(null);
      String decision = key == null ? null : BULK.get(key);
      results.put(id, decision == null ? new Outcome(false, List.of(), "notBulk") : complete(id, caller, Map.of(decision, true)));
    }
    return results;
  }

  /**
   * The form's fields as the task's variables, by the kind of each field in the task's one form
   * definition: only what was filled in, a number or a date as typed when it is not one (so the
   * check names what was wrong with it). The completion check judges the rest.
   */
  static Map<String, Object> variables(TaskForm form, Map<String, String> values, Map<String, MultipartFile> files, ZoneId zone) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (TaskForm.Field field : form.fields()) {
      String name = field.name();
      String raw = values.get(name);
      String typed = raw == null || raw.isBlank() ? null : raw.strip();
      switch (field.kind()) {
        case TEXT -> {
          if (typed != null) {
            v.put(name, typed);
          }
        }
        case COUNT -> {
          if (typed != null) {
            v.put(name, typed.matches("-?\\d{1,9}") ? (Object) Long.valueOf(typed) : typed);
          }
        }
        case PERCENT -> {
          if (typed != null) {
            String number = typed.replace(',', '.');
            v.put(name, number.matches("-?\\d{1,6}(\\.\\d{1,6})?") ? (Object) Double.valueOf(number) : typed);
          }
        }
        case DATE -> {
          if (typed != null) {
            v.put(name, date(typed, zone));
          }
        }
        case DECISION, FLAG -> {
          if ("yes".equals(typed) || "no".equals(typed)) {
            v.put(name, "yes".equals(typed));
          }
        }
        case DOCUMENT -> {
          MultipartFile file = files.get(name);
          if (file != null && !file.isEmpty()) {
            try {
              v.put(name, Variables.fileValue(file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "document"
                  : file.getOriginalFilename()).file(file.getBytes()).mimeType(file.getContentType()).create());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
      }
    }
    // what the page's choice leaves aside is not sent: the report a body declines, the reason of an approval
    if (Boolean.TRUE.equals(v.get(Vars.DECLINED))) {
      v.keySet().retainAll(List.of(Vars.DECLINED, Vars.DECLINE_REASON));
    } else {
      v.remove(Vars.DECLINED);
      v.remove(Vars.DECLINE_REASON);
    }
    if (Boolean.TRUE.equals(v.get(Vars.APPROVED)) || Boolean.TRUE.equals(v.get(Vars.ACCEPTED))) {
      v.remove(Vars.RETURN_REASON);
    }
    return v;
  }

  /** A day as the date field sends it (yyyy-mm-dd), at its start in Astana; anything else as typed, for the check to name. */
  private static Object date(String typed, ZoneId zone) {
    try {
      return Date.from(LocalDate.parse(typed).atStartOfDay(zone).toInstant());
    } catch (DateTimeParseException e) {
      return typed;
    }
  }

  /** Runs as the person: the engine's authorizations, the command policy and the completion check see them. */
  private <T> T as(Caller caller, Supplier<T> work) {
    identity.setAuthentication(caller.userId(), List.copyOf(caller.groups()));
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
