package kz.jospar.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import kz.jospar.reporting.ReportProcess.Vars;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The models' complete listener ({@code ${taskCompletionGuard}}): the last check before a task
 * completes, whatever called the engine. The REST doors are checked earlier by
 * {@link CompletionRequestFilter}, which answers 400 instead of letting the engine throw.
 */
@Component("taskCompletionGuard")
class TaskCompletionGuard implements TaskListener {

  private final FormRules rules;
  private final IdentityService identityService;
  private final kz.jospar.reporting.ReportService reports;

  TaskCompletionGuard(FormRules rules, IdentityService identityService, kz.jospar.reporting.ReportService reports) {
    this.rules = rules;
    this.identityService = identityService;
    this.reports = reports;
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getTaskDefinitionKey();
    if (!rules.governs(key)) {
      return;
    }
    var facts = reports.facts(task.getProcessInstanceId());
    List<FieldError> errors = new ArrayList<>(rules.check(key, name -> Vars.BY_AGREEMENT.equals(name) && facts.isPresent()
        ? new FieldValue.Bool(facts.get().byAgreement()) : fromJava(task.getVariableTyped(name, false))));
    Authentication auth = identityService.getCurrentAuthentication();
    String actor = auth == null ? task.getAssignee() : auth.getUserId();
    facts.flatMap(f -> FourEyes.check(key, actor, f.submittedBy(), f.approvedBy())).ifPresent(errors::add);
    if (auth != null) {
      List<String> candidates = task.getCandidates().stream().map(l -> l.getGroupId()).filter(java.util.Objects::nonNull).toList();
      FourEyes.candidate(key, actor, auth.getGroupIds() == null ? List.of() : auth.getGroupIds(), candidates).ifPresent(errors::add);
    }
    if (!errors.isEmpty()) {
      throw new FormRejectedException(errors);
    }
  }

  static FieldValue fromJava(TypedValue typed) {
    if (typed == null || typed.getValue() == null) {
      return null;
    }
    if (typed instanceof FileValue file) {
      return new FieldValue.Document(file.getFilename(), length(file.getValue()));
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

  private static long length(InputStream in) {
    try (in) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
