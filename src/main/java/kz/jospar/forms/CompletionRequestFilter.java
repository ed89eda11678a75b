package kz.jospar.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.jospar.reporting.ReportProcess.Vars;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a task completion before the engine sees it, on every door that completes tasks: the
 * engine REST API ({@code /engine-rest/task/{id}/complete|submit-form}) and Tasklist's own API
 * ({@code /camunda/api/engine/engine/{engine}/task/{id}/complete|submit-form}). A bad form is
 * answered 400 with the field and the reason, a four-eyes breach 403; the task stays as it was.
 */
class CompletionRequestFilter extends OncePerRequestFilter {

  static final Pattern COMPLETION = Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/(?:complete|submit-form)/?$");
  /**
   * Task operations that would end or rewrite a report outside its form: writing its variables,
   * throwing a BPMN error or escalation at it, delegating and resolving it. Refused for report tasks.
   */
  static final Pattern VARIABLE_WRITE = Pattern.compile(
      "^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/(?:variables|localVariables|bpmnError|bpmnEscalation|delegate|resolve)(?:/.*)?$");
  private static final org.springframework.web.util.UrlPathHelper PATHS = new org.springframework.web.util.UrlPathHelper();

  static {
    PATHS.setUrlDecode(true);
    PATHS.setRemoveSemicolonContent(true);
  }

  private final FormRules rules;
  private final TaskService taskService;
  private final kz.jospar.reporting.ReportService reports;
  private final CommandExecutor commands;
  private final kz.jospar.people.Languages languages;
  private final org.springframework.context.MessageSource words;
  private final ObjectMapper json = new ObjectMapper();

  CompletionRequestFilter(FormRules rules, TaskService taskService, CommandExecutor commands, kz.jospar.reporting.ReportService reports,
      kz.jospar.people.Languages languages, org.springframework.context.MessageSource words) {
    this.rules = rules;
    this.taskService = taskService;
    this.commands = commands;
    this.reports = reports;
    this.languages = languages;
    this.words = words;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = path(request);
    boolean completion = "POST".equals(request.getMethod()) && COMPLETION.matcher(path).matches();
    boolean write = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()) && VARIABLE_WRITE.matcher(path).matches();
    return !completion && !write;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = path(request);
    Matcher write = VARIABLE_WRITE.matcher(path);
    if (write.matches()) {
      Task task = taskService.createTaskQuery().taskId(write.group(1)).singleResult();
      if (task != null && rules.governs(task.getTaskDefinitionKey())) {
        reject(request, response, 403, List.of(FieldError.of("task", "form.task.onlyByForm")));
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    Matcher m = COMPLETION.matcher(path);
    m.matches();
    TaskSnapshot task = snapshot(m.group(1));
    if (task == null || !rules.governs(task.key())) {
      chain.doFilter(request, response);
      return;
    }
    long limit = rules.maxDocumentBytes() * 2 + 1024 * 1024;
    byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    if (body.length > limit) {
      reject(request, response, 400, List.of(FieldError.of("request", "form.request.tooLarge", limit, rules.maxDocumentBytes() / (1024 * 1024))));
      return;
    }
    JsonNode variables;
    try {
      JsonNode root = body.length == 0 ? json.createObjectNode() : json.readTree(body);
      variables = root.path("variables");
    } catch (IOException e) {
      reject(request, response, 400, List.of(FieldError.of("request", "form.request.json", String.valueOf(e.getMessage()))));
      return;
    }
    java.util.Set<String> allowed = rules.fields(task.key());
    List<FieldError> errors = new ArrayList<>();
    variables.fieldNames().forEachRemaining(name -> {
      if (!allowed.contains(name)) {
        errors.add(FieldError.of(name, "form.field.unknown", String.join(", ", new java.util.TreeSet<>(allowed))));
      }
    });
    VariableMap existing = task.variables();
    var facts = reports.facts(task.processInstanceId());
    errors.addAll(rules.check(task.key(), name -> {
      if (Vars.BY_AGREEMENT.equals(name) && facts.isPresent()) {
        return new FieldValue.Bool(facts.get().byAgreement());
      }
      if (variables.has(name)) {
        return fromJson(variables.get(name));
      }
      // an earlier round's decisions are gone: FreshRound clears them when the task opens
      return TaskCompletionGuard.fromJava(existing.getValueTyped(name));
    }));
    if (!errors.isEmpty()) {
      reject(request, response, 400, errors);
      return;
    }
    String actor = actor(request);
    var refusal = FourEyes.candidate(task.key(), actor, actorGroups(request), task.candidateGroups())
        .or(() -> facts.flatMap(f -> FourEyes.check(task.key(), actor, f.submittedBy(), f.approvedBy())));
    if (refusal.isPresent()) {
      reject(request, response, 403, List.of(refusal.get()));
      return;
    }
    chain.doFilter(new CachedBody(request, body), response);
  }

  /** What the checks need of a task: its key and instance, and for a task with a form its variables and candidate groups. */
  record TaskSnapshot(String key, String processInstanceId, VariableMap variables, List<String> candidateGroups) {}

  /**
   * The task as the caller may see it, read in one engine command (one transaction): before, a task
   * query, a read of its variables and a read of its identity links were three commands, a third of
   * the node's CPU per completion (JFR, docs/benchmarks.md). Null when there is no such task or the
   * caller may not read it (the engine's own answer then follows, from the REST API).
   */
  TaskSnapshot snapshot(String taskId) {
    try {
      return commands.execute(ctx -> {
        TaskEntity task = ctx.getTaskManager().findTaskById(taskId);
        if (task == null) {
          return null;
        }
        for (CommandChecker checker : ctx.getProcessEngineConfiguration().getCommandCheckers()) {
          checker.checkReadTask(task);
        }
        if (!rules.governs(task.getTaskDefinitionKey())) {
          return new TaskSnapshot(task.getTaskDefinitionKey(), task.getProcessInstanceId(), null, List.of());
        }
        List<String> candidates = task.getIdentityLinks().stream()
            .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null).map(l -> l.getGroupId()).toList();
        return new TaskSnapshot(task.getTaskDefinitionKey(), task.getProcessInstanceId(), task.getVariablesTyped(false), candidates);
      });
    } catch (AuthorizationException e) {
      return null;
    }
  }

  /** A variable as Camunda's REST API carries it: {"value": ..., "type": "...", "valueInfo": {...}}. */
  static FieldValue fromJson(JsonNode variable) {
    JsonNode value = variable.path("value");
    String type = variable.path("type").asText("");
    if (value.isNull() || value.isMissingNode() || "Null".equalsIgnoreCase(type)) {
      return null;
    }
    switch (type.toLowerCase()) {
      case "string":
        return value.isTextual() ? new FieldValue.Text(value.asText()) : new FieldValue.Wrong("a " + value.getNodeType().name().toLowerCase() + " declared as String");
      case "boolean":
        if (value.isBoolean()) {
          return new FieldValue.Bool(value.asBoolean());
        }
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
          return new FieldValue.Bool(Boolean.parseBoolean(value.asText()));
        }
        return new FieldValue.Wrong("'" + value.asText() + "' declared as Boolean");
      case "long", "integer", "short", "double":
        try {
          return new FieldValue.Num(new BigDecimal(value.asText()));
        } catch (NumberFormatException e) {
          return new FieldValue.Wrong("'" + value.asText() + "' declared as " + type);
        }
      case "date":
        try {
          java.time.LocalDateTime.parse(value.asText().substring(0, Math.min(19, value.asText().length())));
          return new FieldValue.Day(value.asText());
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
          return new FieldValue.Wrong("'" + value.asText() + "' declared as Date (expected yyyy-MM-dd'T'HH:mm:ss)");
        }
      case "file", "bytes":
        try {
          long size = Base64.getMimeDecoder().decode(value.asText()).length;
          return new FieldValue.Document(variable.path("valueInfo").path("filename").asText(null), size);
        } catch (IllegalArgumentException e) {
          return new FieldValue.Wrong("a file whose content is not base64");
        }
      case "":
        if (value.isTextual()) {
          return new FieldValue.Text(value.asText());
        }
        if (value.isBoolean()) {
          return new FieldValue.Bool(value.asBoolean());
        }
        if (value.isNumber()) {
          return new FieldValue.Num(value.decimalValue());
        }
        return new FieldValue.Wrong("a " + value.getNodeType().name().toLowerCase());
      default:
        return new FieldValue.Wrong("a value of type " + type);
    }
  }

  /** Refuses in the person's language (their choice, else their browser's, else English for programs). */
  private void reject(HttpServletRequest request, HttpServletResponse response, int status, List<FieldError> errors) throws IOException {
    java.util.Locale locale = languages.forApi(actor(request), request);
    ObjectNode out = json.createObjectNode();
    out.put("type", status == 403 ? "AuthorizationException" : "InvalidRequestException");
    out.put("message", String.join("; ", errors.stream().map(e -> e.field() + ": " + e.in(words, locale)).toList()));
    var list = out.putArray("errors");
    errors.forEach(e -> list.addObject().put("field", e.field()).put("message", e.in(words, locale)));
    response.setStatus(status);
    response.setHeader("Content-Language", locale.getLanguage());
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json.writeValueAsString(out));
  }

  /** Who completes: the API caller (Spring Security), or the user logged in to the webapps. */
  static String actor(HttpServletRequest request) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())) {
      return auth.getName();
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      if (authentications != null) {
        for (UserAuthentication user : authentications.getAuthentications()) {
          return user.getName();
        }
      }
    }
    return null;
  }

  /** The caller's groups: the API caller's authorities, or the webapp user's groups. */
  static List<String> actorGroups(HttpServletRequest request) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())) {
      return auth.getAuthorities().stream().map(a -> a.getAuthority()).toList();
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      if (authentications != null) {
        for (UserAuthentication user : authentications.getAuthentications()) {
          return user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds());
        }
      }
    }
    return List.of();
  }

  /** The decoded, normalised path: "/engine-rest/task/%61bc/complete" and "//task" name the same task as the engine sees it. */
  private static String path(HttpServletRequest request) {
    return PATHS.getPathWithinApplication(request).replaceAll("/{2,}", "/");
  }

  /** The request with its body read once and replayed to the engine. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return false;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
