package kz.jospar.reporting;

import java.util.Locale;
import java.util.Map;
import kz.jospar.language.LocalizedText;
import kz.jospar.reporting.ReportProcess.Vars;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names each task when it is created, "Submit report: 4.8 … — 2026 II half", so a task list says
 * what is due without opening anything; the model keeps its short labels. The lead executor's task
 * says so.
 */
@Component("taskTitles")
public class TaskTitles implements TaskListener {

  static final Map<String, LocalizedText> TITLES = Map.ofEntries(
      Map.entry(ReportProcess.TASK_SUBMIT_REPORT, new LocalizedText("Есеп тапсыру", "Сдать отчёт", "Submit report")),
      Map.entry(ReportProcess.TASK_SUBMIT_REPORT + "/byAgreement",
          new LocalizedText("Есеп сұрауы (келісу бойынша)", "Запрос отчёта (по согласованию)", "Report requested (by agreement)")),
      Map.entry(ReportProcess.TASK_REVIEW_BY_SUPERVISOR, new LocalizedText("Есепті қарау", "Рассмотреть отчёт", "Review report")),
      Map.entry(ReportProcess.TASK_REVIEW_BY_COORDINATOR, new LocalizedText("Есепті қабылдау", "Принять отчёт", "Accept report")),
      Map.entry(ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL1,
          new LocalizedText("Мерзімі өтті", "Просрочено", "Overdue")),
      Map.entry(ReportProcess.TASK_ACT_ON_OVERDUE_LEVEL2,
          new LocalizedText("Мерзімі өтті (2-деңгей)", "Просрочено (2-й уровень)", "Overdue (level 2)")),
      Map.entry(ReportProcess.TASK_CONSOLIDATE_REPORTS, new LocalizedText("Есептерді жинақтау", "Свести отчёты", "Consolidate reports")),
      Map.entry(ReportProcess.TASK_CLOSE_PERIOD, new LocalizedText("Кезеңді жабу", "Закрыть период", "Close period")),
      Map.entry(ReportProcess.TASK_PREPARE_SESSION, new LocalizedText("Сессияны дайындау", "Подготовить сессию", "Prepare session")),
      Map.entry(ReportProcess.TASK_RECORD_SESSION_HELD,
          new LocalizedText("Сессияның өткенін тіркеу", "Зафиксировать проведение сессии", "Record session held")),
      Map.entry(ReportProcess.TASK_UPDATE_REGISTER,
          new LocalizedText("Этномәдени бірлестіктер тізілімін жаңарту", "Обновить реестр этнокультурных объединений",
              "Update the register of ethnocultural associations")));

  static final LocalizedText ACT_OR_EXPLAIN =
      new LocalizedText("шара қабылдаңыз немесе түсіндіріңіз", "примите меры или объясните", "act or explain");
  static final LocalizedText LEAD = new LocalizedText("жетекші орындаушы", "головной исполнитель", "lead executor");

  private final Locale language;

  /** A task's title in the plan's three languages (e-mails speak the recipient's), or null for a task without one. */
  public static LocalizedText title(String taskDefinitionKey, boolean byAgreement) {
    return TITLES.get(ReportProcess.TASK_SUBMIT_REPORT.equals(taskDefinitionKey) && byAgreement
        ? taskDefinitionKey + "/byAgreement" : taskDefinitionKey);
  }

  /** "act or explain", which an overdue task's title carries. */
  public static LocalizedText actOrExplain() {
    return ACT_OR_EXPLAIN;
  }

  TaskTitles(@Value("${jospar.tasks.language:kk}") String language) {
    this.language = Locale.forLanguageTag(language);
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getTaskDefinitionKey();
    boolean byAgreement = BodyReportVariables.BY_AGREEMENT.isTrue(task);
    LocalizedText title = TITLES.get(ReportProcess.TASK_SUBMIT_REPORT.equals(key) && byAgreement ? key + "/byAgreement" : key);
    if (title == null) {
      return;
    }
    StringBuilder name = new StringBuilder(title.in(language)).append(": ")
        .append(task.getVariable(Vars.ROW_NAME)).append(" — ").append(task.getVariable(Vars.PERIOD_LABEL));
    if (key.startsWith("Task_ActOnOverdue")) {
      name.append(" — ").append(ACT_OR_EXPLAIN.in(language));
    }
    Object body = task.getVariable(Vars.BODY_NAME);
    if (body != null) {
      name.append(" [").append(body).append("]");
    }
    if (ReportProcess.TASK_SUBMIT_REPORT.equals(key) && BodyReportVariables.LEAD.isTrue(task)) {
      name.append(" (").append(LEAD.in(language)).append(")");
    }
    // ACT_RU_TASK.NAME_ holds 255 characters
    task.setName(name.length() > 255 ? name.substring(0, 254) + "…" : name.toString());
  }
}
