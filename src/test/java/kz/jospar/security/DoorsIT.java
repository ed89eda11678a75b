package kz.jospar.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.jospar.access.Roles;
import kz.jospar.reporting.ReportProcess;
import kz.jospar.support.EmbeddedPostgresSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.impl.NamedProcessEngineRestServiceImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every door of the application, decided per person. The doors come from the code: the engine
 * REST API's JAX-RS resources (walked by reflection from {@link CamundaRestResources}, each served
 * as /engine-rest, /engine-rest/engine/default and, for every non-GET door, the webapps' own
 * /camunda/api/engine/engine/default with a session and CSRF token), Spring MVC's handler methods
 * (Jospar's /api and /jospar) and the exposed actuator endpoints. Each is called once per persona
 * with real ids; the expected decision comes from {@code security/doors.tsv} (first matching rule).
 * A door no rule decides fails; a 5xx always fails. A door the table refuses must answer 403 (or, for a
 * resource the persona may not see or that does not exist, 404): where Camunda's REST layer would refuse an
 * empty body before the engine's check runs, {@code security/door-bodies.tsv} gives a well-formed request, and
 * a refused door answering 400 or 415 without one fails. All cases run; one report (target/doors-report.txt)
 * lists every mismatch.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // timers must not fire while the doors are tried: the ids stay what setup found
    properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("postgres")
class DoorsIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresSupport.register(registry, "jospar_doors");
  }

  static final String PASSWORD = "doors-" + java.util.UUID.randomUUID();
  static final String A = "akimat-turkistan";
  static final String B = "akimat-astana";
  static final String C = "akimat-shymkent"; // its report is the victim of destructive calls
  static final String ENGINE = "default";
  static final String PDF = Base64.getEncoder().encodeToString("%PDF-1.4 doors".getBytes());

  @Autowired ProcessEngine engine;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mvc;
  @Autowired WebEndpointsSupplier actuator;
  @LocalServerPort int port;

  // ---- personas -----------------------------------------------------------------------------

  /** A person; tags say which rule words (admin, coordinator, body, ...) apply to them. */
  record Persona(String name, List<String> groups, Set<String> tags) {
    boolean anonymous() {
      return name.equals("anonymous");
    }
  }

  static final List<Persona> PERSONAS = List.of(
      new Persona("anonymous", List.of(), Set.of()),
      new Persona("doors.norole", List.of(), Set.of()),
      new Persona("doors.officialB", List.of(B, Roles.OFFICIAL), Set.of("body")),
      new Persona("doors.monitoring", List.of(Roles.MONITORING), Set.of("monitoring")),
      new Persona("doors.auditor", List.of(Roles.AUDITOR), Set.of("whole-plan")),
      new Persona("doors.coordinator", List.of(Roles.COORDINATOR), Set.of("coordinator", "whole-plan")),
      new Persona("doors.officialA", List.of(A, Roles.OFFICIAL), Set.of("body")),
      new Persona("doors.supervisorA", List.of(Roles.supervisorsOf(A), Roles.SUPERVISOR, A), Set.of("body")),
      new Persona("doors.deputyA", List.of(Roles.supervisorsOf(A), Roles.SUPERVISOR, A), Set.of("body")),
      // last: on the old code the administrator may change most things
      new Persona("doors.admin", List.of(Roles.ADMIN), Set.of("admin", "whole-plan")));

  // ---- the rules ----------------------------------------------------------------------------

  record Rule(Pattern method, Pattern path, String who, String why, int line) {}

  static List<Rule> rules() throws IOException {
    List<Rule> rules = new ArrayList<>();
    try (InputStream in = DoorsIT.class.getResourceAsStream("/security/doors.tsv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.isBlank() || l.startsWith("#")) {
          continue;
        }
        String[] c = l.split("\t");
        if (c.length != 4) {
          throw new IllegalStateException("doors.tsv line " + (i + 1) + ": expected 4 tab-separated columns: " + l);
        }
        rules.add(new Rule(Pattern.compile(c[0]), Pattern.compile(c[1]), c[2], c[3], i + 1));
      }
    }
    return rules;
  }

  /** A well-formed request for a door whose empty body Camunda refuses before any command runs. */
  record Body(boolean multipart, String text) {}

  static Map<String, Body> bodies() throws IOException {
    Map<String, Body> bodies = new LinkedHashMap<>();
    try (InputStream in = DoorsIT.class.getResourceAsStream("/security/door-bodies.tsv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.isBlank() || l.startsWith("#")) {
          continue;
        }
        String[] c = l.split("\t", -1);
        if (c.length != 4 || !Set.of("json", "multipart").contains(c[2])) {
          throw new IllegalStateException("door-bodies.tsv line " + (i + 1) + ": expected method, template, json|multipart, body: " + l);
        }
        if (bodies.put(c[0] + " " + c[1], new Body(c[2].equals("multipart"), c[3])) != null) {
          throw new IllegalStateException("door-bodies.tsv line " + (i + 1) + ": a second body for " + c[0] + " " + c[1]);
        }
      }
    }
    return bodies;
  }

  Map<String, Body> bodies = Map.of();

  static Rule decide(List<Rule> rules, String method, String template) {
    for (Rule r : rules) {
      if (r.method.matcher(method).matches() && r.path.matcher(template).find()) {
        return r;
      }
    }
    return null;
  }

  // ---- doors ---------------------------------------------------------------------------------

  enum Form { BASIC, SESSION }

  /** One request: the template decides the rule, the path is what is sent, {@code live} the task the door acts on. */
  record Door(String method, String template, String prefix, String path, Form form, String resource) {
    String shown() {
      return method + " " + prefix + template + (resource.isEmpty() ? "" : " [" + resource + "]");
    }
  }

  /** (method, template) of every engine REST resource method, walked from the resource classes. */
  static Set<String> engineTemplates() {
    Set<String> out = new TreeSet<>();
    for (Class<?> root : CamundaRestResources.getResourceClasses()) {
      Path p = root.getAnnotation(Path.class);
      if (p != null) {
        walk(root, norm(p.value()), 0, out);
      }
    }
    return out;
  }

  private static void walk(Class<?> type, String prefix, int depth, Set<String> out) {
    if (depth > 10) {
      throw new IllegalStateException("sub-resources nested too deep at " + prefix);
    }
    for (Method m : type.getMethods()) {
      if (m.isBridge() || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Path p = annotation(m, Path.class);
      String http = httpMethod(m);
      String path = prefix + (p == null ? "" : norm(p.value()));
      if (http != null) {
        out.add(http + " " + (path.isEmpty() ? "/" : path));
      } else if (p != null) {
        walk(m.getReturnType(), path, depth + 1, out); // a sub-resource locator: its type's annotations
      }
    }
  }

  private static String norm(String s) {
    s = s.replaceAll("/+$", "").replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}");
    return s.isEmpty() || s.startsWith("/") ? s : "/" + s;
  }

  /** JAX-RS annotations live on the interfaces; implementations override without them. */
  private static <T extends Annotation> T annotation(Method m, Class<T> type) {
    for (Method candidate : declarations(m)) {
      T a = candidate.getAnnotation(type);
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  private static String httpMethod(Method m) {
    for (Method candidate : declarations(m)) {
      for (Annotation a : candidate.getAnnotations()) {
        HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
        if (h != null) {
          return h.value();
        }
      }
    }
    return null;
  }

  private static List<Method> declarations(Method m) {
    List<Method> all = new ArrayList<>();
    Set<Class<?>> seen = new LinkedHashSet<>();
    List<Class<?>> todo = new ArrayList<>(List.of(m.getDeclaringClass()));
    while (!todo.isEmpty()) {
      Class<?> k = todo.remove(0);
      if (k == null || !seen.add(k)) {
        continue;
      }
      try {
        all.add(k.getDeclaredMethod(m.getName(), m.getParameterTypes()));
      } catch (NoSuchMethodException e) {
        // not declared here
      }
      todo.add(k.getSuperclass());
      todo.addAll(List.of(k.getInterfaces()));
    }
    return all;
  }

  static boolean reads(String method) {
    return method.equals("GET") || method.equals("OPTIONS") || method.equals("HEAD");
  }

  // ---- real ids ------------------------------------------------------------------------------

  /** Ids found in setup. */
  final Map<String, String> ids = new LinkedHashMap<>();

  /** The value for a path parameter: by the template's first segment and the parameter's name. */
  String value(String template, String param, String method, String resource) {
    String root = template.length() > 1 ? template.split("/")[1] : "";
    boolean destructive = method.equals("DELETE") || (!reads(method) && !template.endsWith("/count") && !root.equals("task"));
    String id = switch (root) {
      case "task" -> resource.equals("review") ? ids.get("reviewTask") : ids.get("submissionTask");
      // writes to an instance, its executions and jobs go to the victim report (body C): same visibility, nothing of A's lost
      case "process-instance", "execution" -> destructive ? ids.get("victimInstance") : ids.get("instance");
      case "job" -> destructive ? ids.get("victimJob") : ids.get("job");
      case "job-definition" -> ids.get("jobDefinition");
      case "deployment" -> ids.get("deployment");
      case "process-definition" -> ids.get("processDefinition");
      case "user" -> ids.get("victimUser");
      case "group" -> ids.get("victimGroup");
      case "authorization" -> ids.get("victimAuthorization");
      case "filter" -> reads(method) || template.matches(".*/(list|count|singleResult)$") ? ids.get("filter") : ids.get("victimFilter");
      case "history" -> template.startsWith("/history/process-instance/") ? ids.get("victimInstance") : "unknown-id";
      default -> "unknown-id";
    };
    return switch (param) {
      case "id" -> id;
      case "key" -> root.equals("process-definition") ? (resource.equals("OpenPeriod") ? ReportProcess.OPEN_PERIOD : ReportProcess.BODY_REPORT)
          : "unknown-id";
      case "varId" -> "bodyCode";
      case "userId" -> ids.get("victimUser");
      case "groupId" -> ids.get("victimGroup");
      case "resourceId" -> ids.get("deploymentResource");
      case "name" -> ENGINE;
      default -> "unknown-id";
    };
  }

  /** Who can see the resource a door names (for them a 404 is not a refusal; for the others 403 and 404 both are). */
  Set<String> visible(String method, String template, String resource) {
    if (method.equals("OPTIONS")) {
      return null; // lists the operations of a resource type, reads none
    }
    String root = template.length() > 1 ? template.split("/")[1] : "";
    if (!template.contains("{") && !resource.equals("OpenPeriod")) {
      return null; // names no resource
    }
    Set<String> roles = Set.of("doors.officialA", "doors.officialB", "doors.supervisorA", "doors.deputyA", "doors.coordinator",
        "doors.auditor", "doors.admin");
    if (template.matches("/(task|process-instance)/\\{id}/(comment|attachment)(/.*)?")) {
      // Camunda finds the task or instance of a comment or attachment in its history: only the auditor and the administrator read it
      return Set.of("doors.auditor", "doors.admin");
    }
    return switch (root) {
      case "task" -> resource.equals("review") ? Set.of("doors.supervisorA", "doors.deputyA", "doors.coordinator", "doors.auditor", "doors.admin")
          : Set.of("doors.officialA", "doors.supervisorA", "doors.deputyA", "doors.coordinator", "doors.auditor", "doors.admin");
      case "process-instance", "execution", "job" -> Set.of("doors.coordinator", "doors.auditor", "doors.admin");
      case "process-definition", "job-definition", "group" -> roles;
      case "filter" -> Set.of("doors.officialA", "doors.officialB", "doors.supervisorA", "doors.deputyA", "doors.coordinator", "doors.admin");
      case "deployment" -> Set.of("doors.auditor", "doors.admin");
      case "history" -> template.startsWith("/history/process-instance/{id}") ? Set.of("doors.auditor", "doors.admin") : null;
      case "user", "authorization" -> Set.of("doors.admin");
      default -> null; // the id is unknown-id: nothing to hide, not-found is every reader's answer
    };
  }

  boolean expectedAllowed(Rule rule, Persona p, Door door) {
    if (p.anonymous()) {
      return rule.who.equals("anyone");
    }
    boolean allowed = false;
    for (String who : rule.who.split(",")) {
      allowed |= switch (who) {
        case "anyone", "signed-in" -> true;
        case "read" -> {
          Set<String> v = visible(door.method, door.template, door.resource);
          yield v == null || v.contains(p.name);
        }
        case "nobody" -> false;
        case "candidates" -> door.resource.equals("review") ? p.groups.contains(Roles.supervisorsOf(A)) : p.groups.contains(A);
        case "body-or-whole-plan" -> p.tags.contains("body") || p.tags.contains("whole-plan");
        case "admin", "coordinator", "monitoring", "whole-plan" -> p.tags.contains(who);
        default -> throw new IllegalStateException("doors.tsv line " + rule.line + ": unknown 'who': " + who);
      };
    }
    return allowed;
  }

  // ---- the test ------------------------------------------------------------------------------

  record Outcome(Door door, Persona persona, String expected, int status, String body, Rule rule) {}

  @Test
  void everyDoorIsDecidedPerRole() throws Exception {
    long start = System.nanoTime();
    setUp();
    List<Rule> rules = rules();
    bodies = bodies();
    List<Door> doors = doors();
    Set<String> engineTemplates = engineTemplates();
    for (String b : bodies.keySet()) {
      assertThat(engineTemplates).as("door-bodies.tsv names a door that does not exist").contains(b);
    }
    Map<String, Session> sessions = new LinkedHashMap<>();
    for (Persona p : PERSONAS) {
      sessions.put(p.name, new Session(p));
    }

    // reads first (they change nothing), then the writes persona by persona, the administrator last
    List<Outcome> mismatches = new ArrayList<>();
    Set<String> notFoundOnly = new TreeSet<>();
    Map<String, Integer> perCategory = new TreeMap<>();
    int cases = 0;
    List<Door> readDoors = doors.stream().filter(d -> reads(d.method)).toList();
    // deletions last: the administrator's may remove the victims that other writes name
    List<Door> writeDoors = java.util.stream.Stream.concat(doors.stream().filter(d -> !reads(d.method) && !d.method.equals("DELETE")),
        doors.stream().filter(d -> d.method.equals("DELETE"))).toList();
    for (boolean readPhase : List.of(true, false)) {
      for (Persona p : PERSONAS) {
        for (Door door : readPhase ? readDoors : writeDoors) {
          cases++;
          Rule rule = decide(rules, door.method, door.template);
          Session s = sessions.get(p.name);
          HttpResponse<String> r = s.send(door);
          int status = r.statusCode();
          String body = r.body() == null ? "" : r.body();
          String problem;
          String expected;
          if (rule == null) {
            expected = "UNDECIDED";
            problem = "no rule in doors.tsv decides this door";
          } else {
            boolean allow = expectedAllowed(rule, p, door);
            expected = allow ? "ALLOWED" : "DENIED";
            Set<String> v = visible(door.method, door.template, door.resource);
            boolean hidden = v != null && !v.contains(p.name);
            boolean nothing = door.path.contains("unknown-id");
            String actual = classify(status, p, hidden, nothing && status == 404 ? expected : null, r);
            problem = actual.equals(expected) ? null : actual;
            if (problem != null && !allow && (status == 400 || status == 415) && !bodies.containsKey(door.method + " " + door.template)) {
              problem = "refused as malformed before the engine's check ran: give this door a well-formed request in door-bodies.tsv";
            }
            if (nothing && status == 404 && problem == null && !allow) {
              notFoundOnly.add(door.method + " " + door.template);
            }
          }
          if (problem != null) {
            mismatches.add(new Outcome(door, p, expected + (problem.startsWith("refused as") ? " (" + problem + ")" : ""), status, body, rule));
            perCategory.merge((rule == null ? "UNDECIDED" : "line " + rule.line + " " + rule.why) + " | expected " + expected, 1,
                Integer::sum);
          }
        }
      }
    }

    // the ids still name what they named: no door's case was decided against a vanished resource
    assertThat(engine.getTaskService().createTaskQuery().taskId(ids.get("submissionTask")).count()).as("submission task").isOne();
    assertThat(engine.getTaskService().createTaskQuery().taskId(ids.get("reviewTask")).count()).as("review task").isOne();

    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    StringBuilder report = new StringBuilder();
    report.append(cases).append(" cases (").append(doors.size()).append(" doors x ").append(PERSONAS.size()).append(" personas) in ")
        .append(seconds).append(" s; ").append(mismatches.size()).append(" mismatches\n\nBy rule:\n");
    perCategory.forEach((k, n) -> report.append(String.format("%6d  %s%n", n, k)));
    report.append("\nRefused doors judged by not-found alone (they name a resource Jospar never has: CMMN, DMN, tenants, external\n"
        + "tasks, incidents, attachments; the command policy refuses their commands, CommandPolicyTest): ").append(notFoundOnly.size())
        .append('\n');
    notFoundOnly.forEach(d -> report.append("  ").append(d).append('\n'));
    report.append("\nEvery mismatch:\n");
    for (Outcome o : mismatches) {
      String b = o.body.replaceAll("\\s+", " ");
      report.append(o.door.shown()).append(" as ").append(o.persona.name).append(": expected ").append(o.expected).append(", got ")
          .append(o.status).append(o.status >= 500 ? " (ERROR)" : "").append(" | ").append(b, 0, Math.min(200, b.length())).append('\n');
    }
    System.out.println(report);
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "doors-report.txt"), report.toString());
    assertThat(mismatches).as(report.toString()).isEmpty();
  }

  /**
   * ALLOWED, DENIED or ERROR as the caller experienced it. {@code notFound}: the answer a 404 gives when the
   * door names nothing that exists (null when it names something real).
   */
  static String classify(int status, Persona p, boolean hidden, String notFound, HttpResponse<String> r) {
    if (status >= 500) {
      return "ERROR";
    }
    if (status == 403 || (status == 401 && p.anonymous())) {
      return "DENIED";
    }
    if ((status == 404 || status == 400) && hidden) {
      return "DENIED"; // a resource the persona may not see: "not found" (404, or Camunda's 400 "no task found") is a correct refusal
    }
    if (status == 404 && notFound != null) {
      return notFound; // nothing exists to act on: neither a pass nor a refusal can be shown here
    }
    if (status >= 300 && status < 400) {
      return r.headers().firstValue("Location").orElse("").contains("login") ? "DENIED" : "ALLOWED";
    }
    if ((status >= 200 && status < 300) || Set.of(400, 404, 405, 409, 415, 422).contains(status)) {
      return "ALLOWED";
    }
    return "UNEXPECTED " + status;
  }

  List<Door> doors() {
    List<Door> doors = new ArrayList<>();
    Set<String> engineDoors = engineTemplates();
    // the named-engine root serves the same resources under /engine/{name}: check it is there, then take the default form
    assertThat(NamedProcessEngineRestServiceImpl.class.getAnnotation(Path.class).value()).isEqualTo("/engine");
    assertThat(engineDoors).contains("GET /engine", "GET /engine/{name}/task", "POST /task/{id}/complete");
    for (String d : engineDoors) {
      String method = d.substring(0, d.indexOf(' '));
      String template = d.substring(d.indexOf(' ') + 1);
      if (template.startsWith("/engine/{name}")) {
        assertThat(engineDoors).as("named form without default form").contains(method + " " + template.substring("/engine/{name}".length()));
        continue;
      }
      List<String> resources = new ArrayList<>(List.of(""));
      if (template.matches("/task/\\{id}/(complete|submit-form|claim|unclaim)")) {
        resources.add("review");
      }
      for (String resource : resources) {
        String path = substitute(template, method, resource);
        doors.add(new Door(method, template, "/engine-rest", "/engine-rest" + path, Form.BASIC, resource));
        if (!template.equals("/engine")) {
          doors.add(new Door(method, template, "/engine-rest/engine/default", "/engine-rest/engine/" + ENGINE + path, Form.BASIC, resource));
        }
        if (!reads(method)) {
          doors.add(new Door(method, template, "/camunda/api/engine/engine/default", "/camunda/api/engine/engine/" + ENGINE + path,
              Form.SESSION, resource));
        }
      }
    }
    // starting the one model that people start: its own door
    for (String op : List.of("start", "submit-form")) {
      String t = "/process-definition/key/OpenPeriod/" + op;
      doors.add(new Door("POST", t, "/engine-rest", "/engine-rest" + t, Form.BASIC, "OpenPeriod"));
      doors.add(new Door("POST", t, "/camunda/api/engine/engine/default", "/camunda/api/engine/engine/" + ENGINE + t, Form.SESSION,
          "OpenPeriod"));
    }
    // Jospar's own: /api with HTTP Basic, /jospar in the webapps' session
    for (Map.Entry<RequestMappingInfo, ?> e : mvc.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = e.getKey();
      Set<String> patterns = info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
          : info.getPatternsCondition().getPatterns();
      Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("GET")
          : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet());
      for (String pattern : patterns) {
        if (pattern.equals("/error")) {
          continue;
        }
        for (String method : methods) {
          String path = pattern.replaceAll("\\{[^}]+}", "999999") + (method.equals("GET") ? "?year=2026" : "");
          doors.add(new Door(method, pattern, "", path, pattern.startsWith("/api/") ? Form.BASIC : Form.SESSION, ""));
        }
      }
    }
    // the actuator's exposed endpoints
    actuator.getEndpoints().forEach(endpoint -> endpoint.getOperations().forEach(op -> {
      String template = "/actuator/" + op.getRequestPredicate().getPath();
      String path = template.replaceAll("\\{\\*?[^}]+}", "liveness");
      doors.add(new Door(op.getRequestPredicate().getHttpMethod().name(), template, "", path, Form.BASIC, ""));
    }));
    doors.add(new Door("GET", "/actuator", "", "/actuator", Form.BASIC, ""));
    return doors;
  }

  String substitute(String template, String method, String resource) {
    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = value(template, m.group(1), method, resource);
      if (v == null) {
        throw new IllegalStateException("no id for {" + m.group(1) + "} in " + template);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    }
    m.appendTail(out);
    return out.toString();
  }

  // ---- setup: people, two periods, a submitted report ----------------------------------------

  void setUp() throws Exception {
    var identity = engine.getIdentityService();
    for (Persona p : PERSONAS) {
      if (p.anonymous() || identity.createUserQuery().userId(p.name).count() > 0) {
        continue;
      }
      User u = identity.newUser(p.name);
      u.setPassword(PASSWORD);
      u.setEmail(p.name + "@example.invalid");
      identity.saveUser(u);
      p.groups.forEach(g -> identity.createMembership(p.name, g));
    }
    // victims of the administrator's allowed writes: a user, a group, a grant, a filter
    if (identity.createUserQuery().userId("doors.victim").count() == 0) {
      User v = identity.newUser("doors.victim");
      v.setPassword(PASSWORD);
      identity.saveUser(v);
      var g = identity.newGroup("doors-victim-group");
      g.setName("victim");
      g.setType("test");
      identity.saveGroup(g);
      identity.createMembership("doors.victim", "doors-victim-group");
    }
    ids.put("victimUser", "doors.victim");
    ids.put("victimGroup", "doors-victim-group");
    var authorizations = engine.getAuthorizationService();
    Authorization grant = authorizations.createAuthorizationQuery().userIdIn("doors.victim").resourceType(Resources.BATCH).singleResult();
    if (grant == null) {
      grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setUserId("doors.victim");
      grant.setResource(Resources.BATCH);
      grant.setResourceId("doors");
      grant.addPermission(Permissions.READ);
      grant = authorizations.saveAuthorization(grant);
    }
    ids.put("victimAuthorization", grant.getId());
    var filters = engine.getFilterService();
    ids.put("filter", filters.createFilterQuery().filterName("Органымның тапсырмалары / Задачи моего органа / My body's tasks")
        .singleResult().getId());
    var victimFilter = filters.createFilterQuery().filterName("doors victim").singleResult();
    if (victimFilter == null) {
      victimFilter = filters.saveFilter(filters.newTaskFilter("doors victim").setQuery(engine.getTaskService().createTaskQuery()));
    }
    ids.put("victimFilter", victimFilter.getId());

    // two periods of row 4.8 (twenty akimats each): in H2 body A submits, so a review waits; in H1 A's submission waits
    Session coordinator = new Session(PERSONAS.stream().filter(p -> p.name.equals("doors.coordinator")).findFirst().orElseThrow());
    for (String period : List.of("2026-H1", "2026-H2")) {
      if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("4.8/" + period).count() == 0) {
        HttpResponse<String> opened = coordinator.call("POST", "/api/plan/periods", "{\"row\":\"4.8\",\"period\":\"" + period + "\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
      }
    }
    Task h2 = submission(A, "4.8/2026-H2");
    if (h2 != null) {
      Session official = new Session(PERSONAS.stream().filter(p -> p.name.equals("doors.officialA")).findFirst().orElseThrow());
      official.call("POST", "/engine-rest/task/" + h2.getId() + "/claim", "{\"userId\":\"doors.officialA\"}");
      HttpResponse<String> done = official.call("POST", "/engine-rest/task/" + h2.getId() + "/complete",
          "{\"variables\":{\"reportText\":{\"value\":\"done\",\"type\":\"String\"},\"reportDocument\":{\"value\":\"" + PDF
              + "\",\"type\":\"File\",\"valueInfo\":{\"filename\":\"report.pdf\",\"mimetype\":\"application/pdf\"}}}}");
      assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }
    Task review = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("4.8/2026-H2")
        .taskCandidateGroup(Roles.supervisorsOf(A)).singleResult();
    Task submission = submission(A, "4.8/2026-H1");
    Task victim = submission(C, "4.8/2026-H1");
    assertThat(review).as("review task of A").isNotNull();
    assertThat(submission).as("submission task of A").isNotNull();
    assertThat(victim).as("submission task of C").isNotNull();
    ids.put("reviewTask", review.getId());
    ids.put("submissionTask", submission.getId());
    ids.put("instance", submission.getProcessInstanceId());
    ids.put("victimInstance", victim.getProcessInstanceId());
    Job job = engine.getManagementService().createJobQuery().processInstanceId(submission.getProcessInstanceId()).timers().list().get(0);
    ids.put("job", job.getId());
    ids.put("jobDefinition", job.getJobDefinitionId());
    ids.put("victimJob", engine.getManagementService().createJobQuery().processInstanceId(victim.getProcessInstanceId()).timers()
        .list().get(0).getId());
    var definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(ReportProcess.BODY_REPORT)
        .latestVersion().singleResult();
    ids.put("processDefinition", definition.getId());
    ids.put("deployment", definition.getDeploymentId());
    ids.put("deploymentResource", engine.getRepositoryService().getDeploymentResources(definition.getDeploymentId()).get(0).getId());
    System.out.println("doors: ids " + ids);
  }

  Task submission(String body, String cycle) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(cycle).taskCandidateGroup(body).singleResult();
  }

  // ---- HTTP as each persona -----------------------------------------------------------------

  static final String BOUNDARY = "doors-boundary-4711";

  /** One form for every upload door: a file part "data" and the text parts deployments, attachments and variables ask for. */
  static final String MULTIPART_BODY = part("deployment-name", "doors") + part("attachment-name", "doors")
      + part("attachment-description", "doors") + part("attachment-type", "application/pdf") + part("valueType", "Bytes")
      + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"doors.bpmn\"\r\n"
      + "Content-Type: application/octet-stream\r\n\r\n%PDF-1.4 doors\r\n"
      + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"doors.pdf\"\r\n"
      + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 doors\r\n--" + BOUNDARY + "--\r\n";

  private static String part(String name, String value) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  /** The parts a door-bodies.tsv line lists (name=value, @name=filename), or the generic form when it lists none. */
  static String multipart(String parts) {
    if (parts.isBlank()) {
      return MULTIPART_BODY;
    }
    StringBuilder out = new StringBuilder();
    for (String p : parts.split("&")) {
      String name = p.substring(0, p.indexOf('='));
      String value = p.substring(p.indexOf('=') + 1);
      if (name.startsWith("@")) {
        out.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"").append(name.substring(1))
            .append("\"; filename=\"").append(value).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n%PDF-1.4 doors\r\n");
      } else {
        out.append(part(name, value));
      }
    }
    return out.append("--").append(BOUNDARY).append("--\r\n").toString();
  }

  /** ${name} in a body: an id from the setup, or the persona's ${user} and ${password}. */
  String placeholders(String body, Persona persona) {
    Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(body);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = switch (m.group(1)) {
        case "password" -> PASSWORD;
        case "user" -> persona.name;
        default -> ids.get(m.group(1));
      };
      if (v == null) {
        throw new IllegalStateException("door-bodies.tsv: no id named " + m.group(1));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A persona's client: HTTP Basic for /engine-rest, /api and /actuator; the webapps' login session for the rest. */
  final class Session {
    final Persona persona;
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
    boolean loggedIn;

    Session(Persona persona) {
      this.persona = persona;
    }

    HttpResponse<String> send(Door door) {
      String body = reads(door.method) || door.method.equals("DELETE") ? null : "{}";
      String contentType = "application/json";
      Body wellFormed = bodies.get(door.method + " " + door.template);
      if (wellFormed != null) {
        body = wellFormed.multipart ? multipart(wellFormed.text) : placeholders(wellFormed.text, persona);
        contentType = wellFormed.multipart ? "multipart/form-data; boundary=" + BOUNDARY : contentType;
      }
      HttpRequest.Builder b = request(door.method, door.path, body, contentType);
      if (door.form == Form.BASIC) {
        basic(b);
        return exchange(b.build());
      }
      login();
      if (door.path.startsWith("/camunda/")) {
        cookie("XSRF-TOKEN").ifPresent(t -> b.header("X-XSRF-TOKEN", t));
      } else {
        cookie("JOSPAR-XSRF").ifPresent(t -> b.header("X-JOSPAR-XSRF", t));
      }
      return exchange(b.build());
    }

    HttpResponse<String> call(String method, String path, String body) {
      HttpRequest.Builder b = request(method, path, body);
      basic(b);
      return exchange(b.build());
    }

    private void basic(HttpRequest.Builder b) {
      if (!persona.anonymous()) {
        b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((persona.name + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
      }
    }

    private HttpRequest.Builder request(String method, String path, String body) {
      return request(method, path, body, "application/json");
    }

    private HttpRequest.Builder request(String method, String path, String body, String contentType) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60))
          .header("Accept", "application/json, */*;q=0.5");
      if (body != null) {
        b.header("Content-Type", contentType);
      }
      return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private void login() {
      if (loggedIn || persona.anonymous()) {
        return;
      }
      exchange(request("GET", "/camunda/app/welcome/default/", null).header("Accept", "text/html").build());
      String form = "username=" + URLEncoder.encode(persona.name, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
      HttpResponse<String> r = exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port
              + "/camunda/api/admin/auth/user/default/login/welcome"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", cookie("XSRF-TOKEN").orElse(""))
          .POST(HttpRequest.BodyPublishers.ofString(form)).build());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("webapp login of " + persona.name + ": " + r.statusCode() + " " + r.body());
      }
      // a fresh CSRF token for the new session, and Jospar's own for /jospar
      exchange(request("GET", "/camunda/api/engine/engine/", null).build());
      exchange(request("GET", "/jospar/me/settings", null).build());
      loggedIn = true;
    }

    java.util.Optional<String> cookie(String name) {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).reduce((a, b) -> b);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(request.method() + " " + request.uri(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
