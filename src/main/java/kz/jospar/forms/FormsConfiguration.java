package kz.jospar.forms;

import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class FormsConfiguration {

  /** After Spring Security (-100), so the API caller is known; before the engine's servlets. */
  @Bean
  FilterRegistrationBean<CompletionRequestFilter> completionRequestFilter(FormRules rules, TaskService taskService,
      org.camunda.bpm.engine.ProcessEngine engine, kz.jospar.reporting.ReportService reports, kz.jospar.people.Languages languages,
      org.springframework.context.MessageSource words) {
    var commands = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
    FilterRegistrationBean<CompletionRequestFilter> registration = new FilterRegistrationBean<>(
        new CompletionRequestFilter(rules, taskService, commands, reports, languages, words));
    registration.addUrlPatterns("/engine-rest/task/*", "/camunda/api/engine/engine/*");
    registration.setOrder(0);
    return registration;
  }
}
