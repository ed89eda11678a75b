package kz.jospar.desk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kz.jospar.forms.CompletionRefusedException;
import kz.jospar.forms.FieldError;
import kz.jospar.forms.FormRejectedException;
import kz.jospar.identity.Caller;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.reporting.ReportProcess.Vars;
import kz.jospar.reporting.ReportService;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
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

  /** The task kinds the desk has its own forms for; the others open in Tasklist for now. */
  static final List<String> FORMS = List.of(ReportProcess.TASK_SUBMIT_REPORT, ReportProcess.TASK_REVIEW_BY_SUPERVISOR,
      ReportProcess.TASK_REVIEW_BY_COORDINATOR);

  /** The kinds decided in bulk: approvals and acceptances (a return is one at a time, with its reason). */
  static final Map<String, String> BULK = Map.of(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, Vars.APPROVED,
      ReportProcess.TASK_REVIEW_BY_COORDINATOR, Vars.ACCEPTED);

  private final IdentityService identity;
  private final TaskService tasks;
  private final ReportService reports;
  private final JdbcTemplate jdbc;

  DeskTasks(IdentityService identity, TaskService tasks, ReportService reports, JdbcTemplate jdbc) {
    this.identity = identity;
    this.tasks = tasks;
    this.reports = reports;
    this.jdbc = jdbc;
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
      for (String name : List.of(Vars.REPORT_TEXT, Vars.ACHIEVED_COUNT, Vars.COMPLETION_FORM, Vars.QUOTA_COUNT, Vars.QUOTA_UNIT)) {
        Object value = tasks.getVariable(taskId, name);
        if (value != null) {
          shown.put(name, value);
        }
      }
      boolean hasDocument = tasks.getVariableTyped(taskId, Vars.REPORT_DOCUMENT, false) != null;
      List<Returned> returns = facts.map(f -> jdbc.query("SELECT event, reason, occurred_at FROM jospar_report_event "
              + "WHERE cycle_key = ? AND body_code = ? AND event IN ('RETURNED_BY_SUPERVISOR', 'RETURNED_BY_COORDINATOR') ORDER BY id",
          (rs, n) -> new Returned(rs.getString("event"), rs.getString("reason"), rs.getTimestamp("occurred_at").toInstant()),
          f.cycleKey(), f.body())).orElse(List.of());
      return Optional.of(new Opened(task, facts.orElse(null), shown, hasDocument, returns));
    });
  }

  /** A task, what the report says so far, whether it has a document, and its earlier returns. */
  public record Opened(Task task, ReportService.Facts facts, Map<String, Object> shown, boolean hasDocument, List<Returned> returns) {
    /** Four-eyes, said before the person starts: who submitted may not review, who approved may not accept. */
    public boolean ownReport(String userId) {
      if (facts == null) {
        return false;
      }
      String key = task.getTaskDefinitionKey();
      return (ReportProcess.TASK_REVIEW_BY_SUPERVISOR.equals(key) && userId.equals(facts.submittedBy()))
          || (ReportProcess.TASK_REVIEW_BY_COORDINATOR.equals(key) && (userId.equals(facts.submittedBy()) || userId.equals(facts.approvedBy())));
    }
  }

  public record Returned(String event, String reason, java.time.Instant at) {}

  /** The outcome of one completion: done, or the errors per field in the person's language. */
  public record Outcome(boolean done, List<FieldError.Said> errors, String refusal) {
    static Outcome ok() {
      return new Outcome(true, List.of(), null);
    }
  }

  /** Claims the task for the person if nobody holds it, then completes it with the form's values. */
  public Outcome complete(String taskId, Caller caller, Map<String, Object> variables) {
    return as(caller, () -> {
      try {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
          return new Outcome(false, List.of(), "gone");
        }
        if (task.getAssignee() == null) {
          tasks.claim(taskId, caller.userId());
        }
        tasks.complete(taskId, variables);
        return Outcome.ok();
      } catch (FormRejectedException e) {
        return new Outcome(false, e.errors(), null);
      } catch (CompletionRefusedException e) {
        return new Outcome(false, e.errors(), e.getMessage());
      } catch (TaskAlreadyClaimedException e) {
        return new Outcome(false, List.of(), "claimed");
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

  /** The form's fields as the task's variables: only what was filled in; the completion check judges the rest. */
  static Map<String, Object> variables(String taskKey, Map<String, String> form, MultipartFile document) {
    Map<String, Object> v = new LinkedHashMap<>();
    switch (taskKey) {
      case ReportProcess.TASK_SUBMIT_REPORT -> {
        if ("yes".equals(form.get(Vars.DECLINED))) {
          v.put(Vars.DECLINED, true);
          text(v, form, Vars.DECLINE_REASON);
        } else {
          text(v, form, Vars.REPORT_TEXT);
          String count = form.get(Vars.ACHIEVED_COUNT);
          if (count != null && !count.isBlank()) {
            // a number, or the text as typed so the check names what was wrong with it
            v.put(Vars.ACHIEVED_COUNT, count.strip().matches("-?\\d{1,9}") ? (Object) Long.valueOf(count.strip()) : count.strip());
          }
          if (document != null && !document.isEmpty()) {
            try {
              v.put(Vars.REPORT_DOCUMENT, Variables.fileValue(document.getOriginalFilename() == null ? "document" : document.getOriginalFilename())
                  .file(document.getBytes()).mimeType(document.getContentType()).create());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
      }
      case ReportProcess.TASK_REVIEW_BY_SUPERVISOR, ReportProcess.TASK_REVIEW_BY_COORDINATOR -> {
        String name = BULK.get(taskKey);
        String decision = form.get("decision");
        if ("yes".equals(decision) || "no".equals(decision)) {
          v.put(name, "yes".equals(decision));
        }
        if ("no".equals(decision)) {
          text(v, form, Vars.RETURN_REASON);
        }
      }
      default -> throw new IllegalArgumentException("the desk has no form for " + taskKey);
    }
    return v;
  }

  private static void text(Map<String, Object> v, Map<String, String> form, String name) {
    String value = form.get(name);
    if (value != null && !value.isBlank()) {
      v.put(name, value.strip());
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
