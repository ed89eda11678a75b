package kz.jospar.catalog;

import kz.jospar.language.LocalizedText;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;

/**
 * Reads the bodies directory and the plan, checks every rule a catalog must keep, and either
 * returns the catalog or throws one {@link CatalogException} listing every problem with its file,
 * line and what would be accepted. Nothing half-read ever reaches the application.
 */
public final class CatalogLoader {

  static final List<String> BODY_KEYS = List.of("code", "kind", "abbreviation", "name", "formerNames", "parent", "members");
  static final List<String> FORMER_NAME_KEYS = List.of("kk", "ru", "en", "until", "note");
  static final List<String> TOP_KEYS = List.of("plan", "units", "indicators", "directions", "items");
  static final List<String> PLAN_KEYS = List.of("code", "title", "decree", "years");
  static final List<String> INDICATOR_KEYS =
      List.of("number", "name", "unit", "source", "fact2020", "estimate2021", "planned", "plannedInAnnex");
  static final List<String> DIRECTION_KEYS = List.of("code", "name", "indicator");
  static final List<String> ROW_KEYS =
      List.of("number", "direction", "kind", "name", "completionForm", "deadline", "schedule", "quota", "executors", "recordsIndicators",
          "subitems");
  static final List<String> SUBROW_KEYS =
      List.of("number", "kind", "name", "completionForm", "deadline", "schedule", "quota", "executors", "recordsIndicators");
  static final List<String> SCHEDULE_KEYS = List.of("kind", "date", "times", "quarter", "half", "years");
  static final List<String> QUOTA_KEYS = List.of("count", "unit", "minimum", "per");
  static final List<String> EXECUTOR_KEYS = List.of("body", "byAgreement");

  private final Problems problems = new Problems();
  /** Where each plan file gives its code, for the refusal of a code two files share. */
  private final Map<String, String> codeAt = new HashMap<>();

  /** Loads a catalog from its two files; {@code bodiesName} and {@code planName} are what errors call them. */
  public static PlanCatalog load(String bodiesName, Supplier<InputStream> bodies, String planName, Supplier<InputStream> plan) {
    return new CatalogLoader().read(bodiesName, bodies, planName, plan);
  }

  public static PlanCatalog load(Resource bodies, Resource plan) {
    return load(describe(bodies), open(bodies), describe(plan), open(plan));
  }

  /**
   * Loads several plans against one bodies directory; every problem of every file is reported at once, and two
   * plans with one code are refused (a cycle is known by its plan's code).
   */
  public static Plans loadAll(String bodiesName, Supplier<InputStream> bodies, Map<String, Supplier<InputStream>> plans) {
    return new CatalogLoader().readAll(bodiesName, bodies, plans);
  }

  public static Plans loadAll(Resource bodies, List<Resource> plans) {
    Map<String, Supplier<InputStream>> named = new LinkedHashMap<>();
    plans.forEach(p -> named.put(describe(p), open(p)));
    if (named.size() < plans.size()) {
      throw new CatalogException(List.of("jospar.catalog.plans: a plan file is listed twice: " + named.keySet()));
    }
    return loadAll(describe(bodies), open(bodies), named);
  }

  /** How an error names a file: the path a person edits, not a URL. */
  public static String describe(Resource resource) {
    try {
      if (resource.isFile()) {
        return resource.getFile().getPath();
      }
    } catch (IOException ignored) {
      // not a plain file: fall through to the name on the class path
    }
    if (resource instanceof org.springframework.core.io.ClassPathResource c) {
      return c.getPath();
    }
    return resource.getDescription();
  }

  public static Supplier<InputStream> open(Resource resource) {
    return () -> {
      try {
        return resource.getInputStream();
      } catch (IOException e) {
        throw new CatalogException(List.of(describe(resource) + ": cannot be read: " + e.getMessage()));
      }
    };
  }

  private PlanCatalog read(String bodiesName, Supplier<InputStream> bodiesIn, String planName, Supplier<InputStream> planIn) {
    return readAll(bodiesName, bodiesIn, Map.of(planName, planIn)).all().get(0);
  }

  private Plans readAll(String bodiesName, Supplier<InputStream> bodiesIn, Map<String, Supplier<InputStream>> planIns) {
    YamlNode bodiesRoot = YamlNode.parse(bodiesName, bodiesIn.get(), problems);
    Map<String, YamlNode> planRoots = new LinkedHashMap<>();
    Map<String, String> versions = new HashMap<>();
    planIns.forEach((name, in) -> {
      byte[] bytes = readAllBytes(name, in);
      versions.put(name, version(bytes));
      planRoots.put(name, YamlNode.parse(name, new java.io.ByteArrayInputStream(bytes), problems));
    });
    problems.throwIfAny();

    BodyDirectory bodies = new BodyDirectory(readBodies(bodiesRoot));
    // A plan checked against a broken directory would only echo its mistakes as unknown codes.
    problems.throwIfAny();
    List<PlanCatalog> plans = new ArrayList<>();
    Map<String, String> codes = new HashMap<>();
    planRoots.forEach((name, root) -> {
      PlanCatalog plan = readPlan(root, bodies, name, versions.get(name));
      if (plan == null) {
        return;
      }
      String first = codes.putIfAbsent(plan.code(), name);
      if (first != null) {
        problems.add(codeAt.getOrDefault(name, name), "plan code '" + plan.code() + "' is already the code of "
            + first + "; each plan needs a code of its own");
      }
      plans.add(plan);
    });
    problems.throwIfAny();
    return new Plans(plans);
  }

  private byte[] readAllBytes(String name, Supplier<InputStream> in) {
    try (InputStream stream = in.get()) {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new CatalogException(List.of(name + ": cannot be read: " + e.getMessage()));
    }
  }

  /**
   * The plan's version as each cycle records it: the first 12 hex digits of the file's SHA-256. A hash rather than a
   * number a person writes: an amendment cannot be applied without changing it, and two nodes reading one file agree.
   */
  static String version(byte[] bytes) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
      return java.util.HexFormat.of().formatHex(digest, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- bodies -------------------------------------------------------------------------------

  private List<Body> readBodies(YamlNode root) {
    Map<String, YamlNode> top = root.mapping(List.of("bodies"));
    List<Body> bodies = new ArrayList<>();
    Map<String, YamlNode> seen = new HashMap<>();
    YamlNode.required(top, root, "bodies").ifPresent(list -> {
      for (YamlNode entry : list.sequence()) {
        Body body = readBody(entry);
        if (body == null) {
          continue;
        }
        YamlNode first = seen.putIfAbsent(body.code(), entry);
        if (first != null) {
          problems.add(entry, "duplicate body code '" + body.code() + "', first defined at line " + first.line());
        } else {
          bodies.add(body);
        }
      }
    });
    // references between bodies: parents and group members must exist; groups must not contain themselves
    Set<String> codes = bodies.stream().map(Body::code).collect(Collectors.toSet());
    for (Body body : bodies) {
      YamlNode at = seen.get(body.code());
      if (body.parent() != null && !codes.contains(body.parent())) {
        problems.add(at, "body '" + body.code() + "' has unknown parent '" + body.parent() + "'; accepted: " + sorted(codes));
      }
      for (String member : body.members()) {
        if (!codes.contains(member)) {
          problems.add(at, "group '" + body.code() + "' has unknown member '" + member + "'; accepted: " + sorted(codes));
        }
      }
    }
    Map<String, Body> byCode = bodies.stream().collect(Collectors.toMap(Body::code, b -> b));
    for (Body body : bodies) {
      if (body.isGroup() && reaches(body.code(), body, byCode, new HashSet<>())) {
        problems.add(seen.get(body.code()), "group '" + body.code() + "' contains itself");
      }
    }
    return bodies;
  }

  private static boolean reaches(String target, Body from, Map<String, Body> byCode, Set<String> visited) {
    for (String member : from.members()) {
      if (member.equals(target)) {
        return true;
      }
      Body next = byCode.get(member);
      if (next != null && next.isGroup() && visited.add(member) && reaches(target, next, byCode, visited)) {
        return true;
      }
    }
    return false;
  }

  private Body readBody(YamlNode entry) {
    Map<String, YamlNode> f = entry.mapping(BODY_KEYS);
    String code = YamlNode.required(f, entry, "code").map(YamlNode::string).orElse(null);
    if (code != null && !code.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      problems.add(f.get("code"), "body code '" + code + "' must be lower-case latin letters and digits joined by '-', e.g. akimat-turkistan");
    }
    Body.Kind kind = YamlNode.required(f, entry, "kind").map(n -> enumValue(n, Body.Kind.class, "-")).orElse(null);
    LocalizedText name = YamlNode.required(f, entry, "name").map(this::text).orElse(null);
    LocalizedText abbreviation = f.containsKey("abbreviation") ? text(f.get("abbreviation")) : null;
    String parent = f.containsKey("parent") ? f.get("parent").string() : null;
    List<String> members = new ArrayList<>();
    if (f.containsKey("members")) {
      f.get("members").sequence().forEach(m -> members.add(m.string()));
    }
    if (kind == Body.Kind.group && members.isEmpty()) {
      problems.add(entry, "group '" + code + "' needs 'members': the codes of the bodies it stands for");
    }
    if (kind != null && kind != Body.Kind.group && !members.isEmpty()) {
      problems.add(f.get("members"), "only a body of kind 'group' has members; '" + code + "' is a " + kind.code());
    }
    List<Body.FormerName> former = new ArrayList<>();
    if (f.containsKey("formerNames")) {
      for (YamlNode n : f.get("formerNames").sequence()) {
        Map<String, YamlNode> ff = n.mapping(FORMER_NAME_KEYS);
        LocalizedText t = text(n, null);
        LocalDate until = YamlNode.required(ff, n, "until").map(YamlNode::date).orElse(null);
        LocalizedText note = ff.containsKey("note") ? text(ff.get("note")) : null;
        if (t != null) {
          former.add(new Body.FormerName(t.kk(), t.ru(), t.en(), until, note));
        }
      }
    }
    if (code == null || kind == null || name == null) {
      return null;
    }
    return new Body(code, kind, abbreviation, name, List.copyOf(former), parent, List.copyOf(members));
  }

  // ---- plan ---------------------------------------------------------------------------------

  private PlanCatalog readPlan(YamlNode root, BodyDirectory bodies, String source, String version) {
    Map<String, YamlNode> top = root.mapping(TOP_KEYS);

    String code = null;
    LocalizedText title = null;
    String decreeNumber = null;
    LocalDate decreeDate = null;
    int from = 0;
    int to = 0;
    String yearsAt = source + ":1: plan.years";
    YamlNode planNode = YamlNode.required(top, root, "plan").orElse(null);
    if (planNode != null) {
      Map<String, YamlNode> p = planNode.mapping(PLAN_KEYS);
      code = YamlNode.required(p, planNode, "code").map(YamlNode::string).orElse(null);
      if (p.containsKey("code")) {
        codeAt.put(source, p.get("code").where());
      }
      if (code != null && !code.matches("[a-z0-9][a-z0-9.-]{0,39}")) {
        // it becomes part of cycle keys ("code/row/period") and of URLs
        problems.add(p.get("code"), "plan code '" + code + "' must be lower-case letters, digits, '.' and '-', at most 40, "
            + "such as \"qha-2027-2031\"");
      }
      title = YamlNode.required(p, planNode, "title").map(this::text).orElse(null);
      YamlNode decree = YamlNode.required(p, planNode, "decree").orElse(null);
      if (decree != null) {
        Map<String, YamlNode> d = decree.mapping(List.of("number", "date"));
        decreeNumber = YamlNode.required(d, decree, "number").map(YamlNode::string).orElse(null);
        decreeDate = YamlNode.required(d, decree, "date").map(YamlNode::date).orElse(null);
      }
      YamlNode years = YamlNode.required(p, planNode, "years").orElse(null);
      if (years != null) {
        yearsAt = years.where();
        Map<String, YamlNode> y = years.mapping(List.of("from", "to"));
        from = YamlNode.required(y, years, "from").map(YamlNode::integer).orElse(0);
        to = YamlNode.required(y, years, "to").map(YamlNode::integer).orElse(0);
        if (from > to) {
          problems.add(years, "the plan's years run backwards: from " + from + " to " + to);
        }
      }
    }
    PlanYears planYears = new PlanYears(from, to);

    Map<String, LocalizedText> units = new LinkedHashMap<>();
    YamlNode.required(top, root, "units").ifPresent(u -> u.mapping(null).forEach((key, n) -> {
      LocalizedText t = text(n);
      if (t != null) {
        units.put(key, t);
      }
    }));

    List<Indicator> indicators = new ArrayList<>();
    YamlNode.required(top, root, "indicators").ifPresent(list -> list.sequence().forEach(n -> {
      Indicator indicator = readIndicator(n, planYears);
      if (indicator != null) {
        if (indicators.stream().anyMatch(i -> i.number() == indicator.number())) {
          problems.add(n, "duplicate indicator number " + indicator.number());
        } else {
          indicators.add(indicator);
        }
      }
    }));

    List<Direction> directions = new ArrayList<>();
    YamlNode.required(top, root, "directions").ifPresent(list -> list.sequence().forEach(n -> {
      Map<String, YamlNode> d = n.mapping(DIRECTION_KEYS);
      String dc = YamlNode.required(d, n, "code").map(YamlNode::string).orElse(null);
      LocalizedText name = YamlNode.required(d, n, "name").map(this::text).orElse(null);
      Integer indicator = YamlNode.required(d, n, "indicator").map(YamlNode::integer).orElse(null);
      if (indicator != null && indicators.stream().noneMatch(i -> i.number() == indicator)) {
        problems.add(d.get("indicator"), "unknown indicator " + indicator + "; accepted: "
            + indicators.stream().map(i -> String.valueOf(i.number())).collect(Collectors.joining(", ")));
      }
      if (dc != null && directions.stream().anyMatch(x -> x.code().equals(dc))) {
        problems.add(n, "duplicate direction code '" + dc + "'");
      } else if (dc != null && name != null && indicator != null) {
        directions.add(new Direction(dc, name, indicator));
      }
    }));

    Context context = new Context(bodies, units.keySet(), directions.stream().map(Direction::code).toList(), planYears);
    List<PlanRow> items = new ArrayList<>();
    Map<String, YamlNode> numbers = new HashMap<>();
    YamlNode.required(top, root, "items").ifPresent(list -> list.sequence().forEach(n -> {
      PlanRow item = readRow(n, null, context, numbers);
      if (item != null) {
        items.add(item);
      }
    }));

    if (problems.any()) {
      return null;
    }
    return new PlanCatalog(code, title, decreeNumber, decreeDate, from, to, Map.copyOf(units),
        List.copyOf(indicators), List.copyOf(directions), List.copyOf(items), bodies, source, yearsAt, version);
  }

  private record PlanYears(int from, int to) {
    boolean contains(int year) {
      return year >= from && year <= to;
    }
  }

  private record Context(BodyDirectory bodies, Set<String> units, List<String> directions, PlanYears years) {}

  private Indicator readIndicator(YamlNode n, PlanYears years) {
    Map<String, YamlNode> f = n.mapping(INDICATOR_KEYS);
    Integer number = YamlNode.required(f, n, "number").map(YamlNode::integer).orElse(null);
    LocalizedText name = YamlNode.required(f, n, "name").map(this::text).orElse(null);
    String unit = YamlNode.required(f, n, "unit").map(YamlNode::string).orElse(null);
    LocalizedText source = YamlNode.required(f, n, "source").map(this::text).orElse(null);
    BigDecimal fact2020 = f.containsKey("fact2020") ? f.get("fact2020").decimalOrNull() : null;
    BigDecimal estimate2021 = YamlNode.required(f, n, "estimate2021").map(YamlNode::decimalOrNull).orElse(null);
    TreeMap<Integer, BigDecimal> planned = YamlNode.required(f, n, "planned").map(p -> yearValues(p, years)).orElse(null);
    TreeMap<Integer, BigDecimal> inAnnex = f.containsKey("plannedInAnnex") ? yearValues(f.get("plannedInAnnex"), years) : new TreeMap<>();
    if (number == null || name == null || unit == null || source == null || planned == null) {
      return null;
    }
    return new Indicator(number, name, unit, source, fact2020, estimate2021, planned, inAnnex);
  }

  private TreeMap<Integer, BigDecimal> yearValues(YamlNode n, PlanYears years) {
    TreeMap<Integer, BigDecimal> values = new TreeMap<>();
    n.mapping(null).forEach((key, v) -> {
      int year;
      try {
        year = Integer.parseInt(key);
      } catch (NumberFormatException e) {
        problems.add(v, "expected a year as the key, got '" + key + "'");
        return;
      }
      if (!years.contains(year)) {
        problems.add(v, "year " + year + " is outside the plan's years " + years.from() + "-" + years.to());
      }
      BigDecimal value = v.decimalOrNull();
      if (value != null) {
        values.put(year, value);
      }
    });
    for (int y = years.from(); y <= years.to(); y++) {
      if (!values.containsKey(y)) {
        problems.add(n, "no planned value for " + y + "; every year " + years.from() + "-" + years.to() + " needs one");
      }
    }
    return values;
  }

  private PlanRow readRow(YamlNode n, PlanRow item, Context context, Map<String, YamlNode> numbers) {
    boolean isItem = item == null;
    Map<String, YamlNode> f = n.mapping(isItem ? ROW_KEYS : SUBROW_KEYS);

    String number = YamlNode.required(f, n, "number").map(YamlNode::string).orElse(null);
    if (number != null) {
      String pattern = isItem ? "[1-9][0-9]*" : java.util.regex.Pattern.quote(item.number()) + "\\.[1-9][0-9]*";
      if (!number.matches(pattern)) {
        problems.add(f.get("number"), isItem
            ? "item number '" + number + "' must be a whole number such as \"4\""
            : "sub-item number '" + number + "' must be its item's number, a dot and its ordinal, such as \"" + item.number() + ".1\"");
      }
      YamlNode first = numbers.putIfAbsent(number, n);
      if (first != null) {
        problems.add(f.get("number"), "duplicate number '" + number + "', first used at line " + first.line());
      }
    }
    String direction = isItem ? YamlNode.required(f, n, "direction").map(YamlNode::string).orElse(null) : item.direction();
    if (isItem && direction != null && !context.directions().contains(direction)) {
      problems.add(f.get("direction"), "unknown direction '" + direction + "'; accepted: " + String.join(", ", context.directions()));
    }
    // an item names its kind of work; a sub-item takes its item's unless it names its own
    WorkKind kind = isItem
        ? YamlNode.required(f, n, "kind").map(k -> enumValue(k, WorkKind.class, "-")).orElse(null)
        : f.containsKey("kind") ? enumValue(f.get("kind"), WorkKind.class, "-") : item.kind();
    LocalizedText name = YamlNode.required(f, n, "name").map(this::text).orElse(null);

    LocalizedText completionForm = f.containsKey("completionForm") ? text(f.get("completionForm")) : null;
    boolean completionFormInherited = false;
    if (completionForm == null && !isItem && !f.containsKey("completionForm")) {
      completionForm = item.completionForm();
      completionFormInherited = completionForm != null;
    }

    LocalizedText deadline = f.containsKey("deadline") ? text(f.get("deadline")) : null;
    Schedule schedule = f.containsKey("schedule") ? readSchedule(f.get("schedule"), context.years()) : null;
    if (f.containsKey("deadline") != f.containsKey("schedule")) {
      problems.add(n, "'deadline' (as the decree writes it) and 'schedule' (what it means) go together: give both or neither");
    }
    if (!isItem && !f.containsKey("schedule")) {
      problems.add(n, "sub-item " + number + " needs a 'deadline' and a 'schedule'");
    }

    Quota quota = f.containsKey("quota") ? readQuota(f.get("quota"), context.units()) : null;
    boolean recordsIndicators = f.containsKey("recordsIndicators") && Boolean.TRUE.equals(f.get("recordsIndicators").bool());

    List<Executor> executors = new ArrayList<>();
    boolean executorsInherited = false;
    if (f.containsKey("executors")) {
      List<YamlNode> list = f.get("executors").sequence();
      if (list.isEmpty()) {
        problems.add(f.get("executors"), "an empty executors list; leave the key out for a sub-item that takes its item's executors");
      }
      Set<String> listed = new HashSet<>();
      for (YamlNode e : list) {
        Executor executor = readExecutor(e, context.bodies());
        if (executor != null && !listed.add(executor.body())) {
          problems.add(e, "body '" + executor.body() + "' is listed twice in this row");
        } else if (executor != null) {
          executors.add(executor);
        }
      }
    } else if (isItem) {
      problems.add(n, "item " + number + " needs 'executors'");
    } else {
      executors.addAll(item.executors());
      executorsInherited = true;
    }

    List<PlanRow> subitems = new ArrayList<>();
    PlanRow self = new PlanRow(number, isItem ? null : item.number(), direction, kind, name, completionForm,
        completionFormInherited, deadline, schedule, quota, List.copyOf(executors), executorsInherited, recordsIndicators, List.of(), n.line());
    if (isItem && f.containsKey("subitems")) {
      for (YamlNode s : f.get("subitems").sequence()) {
        PlanRow sub = readRow(s, self, context, numbers);
        if (sub != null) {
          subitems.add(sub);
        }
      }
    }
    if (isItem && !f.containsKey("schedule") && subitems.isEmpty()) {
      problems.add(n, "item " + number + " has neither a schedule nor sub-items, so it would never be due");
    }
    if (number == null || name == null) {
      return null;
    }
    return new PlanRow(number, self.parent(), direction, kind, name, completionForm, completionFormInherited, deadline,
        schedule, quota, self.executors(), executorsInherited, recordsIndicators, List.copyOf(subitems), n.line());
  }

  private Schedule readSchedule(YamlNode n, PlanYears years) {
    Map<String, YamlNode> f = n.mapping(SCHEDULE_KEYS);
    Schedule.Kind kind = YamlNode.required(f, n, "kind").map(k -> enumValue(k, Schedule.Kind.class, "_")).orElse(null);
    if (kind == null) {
      return null;
    }
    String date = null;
    Integer times = null;
    Integer quarter = null;
    Integer half = null;
    switch (kind) {
      case FIXED_DATE, BEFORE_DATE -> {
        date = YamlNode.required(f, n, "date").map(YamlNode::string).orElse(null);
        if (date != null) {
          try {
            MonthDay.parse("--" + date);
          } catch (DateTimeParseException e) {
            problems.add(f.get("date"), "expected a day of the year as MM-DD, such as \"05-01\", got '" + date + "'");
            date = null;
          }
        }
      }
      case TIMES_PER_YEAR -> {
        times = YamlNode.required(f, n, "times").map(YamlNode::integer).orElse(null);
        if (times != null && (times < 1 || times > 12)) {
          problems.add(f.get("times"), "times a year must be from 1 to 12, got " + times);
          times = null;
        }
      }
      case IN_QUARTER -> {
        quarter = YamlNode.required(f, n, "quarter").map(YamlNode::integer).orElse(null);
        if (quarter != null && (quarter < 1 || quarter > 4)) {
          problems.add(f.get("quarter"), "quarter must be 1, 2, 3 or 4, got " + quarter);
          quarter = null;
        }
      }
      case IN_HALF -> {
        half = YamlNode.required(f, n, "half").map(YamlNode::integer).orElse(null);
        if (half != null && half != 1 && half != 2) {
          problems.add(f.get("half"), "half must be 1 or 2, got " + half);
          half = null;
        }
      }
      default -> { }
    }
    for (String parameter : List.of("date", "times", "quarter", "half")) {
      boolean wanted = switch (parameter) {
        case "date" -> kind == Schedule.Kind.FIXED_DATE || kind == Schedule.Kind.BEFORE_DATE;
        case "times" -> kind == Schedule.Kind.TIMES_PER_YEAR;
        case "quarter" -> kind == Schedule.Kind.IN_QUARTER;
        default -> kind == Schedule.Kind.IN_HALF;
      };
      if (!wanted && f.containsKey(parameter)) {
        problems.add(f.get(parameter), "'" + parameter + "' does not apply to a schedule of kind " + kind);
      }
    }
    List<Integer> ys = new ArrayList<>();
    if (f.containsKey("years")) {
      for (YamlNode y : f.get("years").sequence()) {
        Integer year = y.integer();
        if (year != null && !years.contains(year)) {
          problems.add(y, "year " + year + " is outside the plan's years " + years.from() + "-" + years.to());
        } else if (year != null) {
          ys.add(year);
        }
      }
    }
    return new Schedule(kind, date, times, quarter, half, ys);
  }

  private Quota readQuota(YamlNode n, Set<String> units) {
    Map<String, YamlNode> f = n.mapping(QUOTA_KEYS);
    Integer count = YamlNode.required(f, n, "count").map(YamlNode::integer).orElse(null);
    if (count != null && count < 1) {
      problems.add(f.get("count"), "a quota counts at least 1, got " + count);
    }
    String unit = null;
    if (!f.containsKey("unit")) {
      problems.add(n, "a quota needs a 'unit' (what is counted); accepted: " + sorted(units));
    } else {
      unit = f.get("unit").string();
      if (unit != null && !units.contains(unit)) {
        problems.add(f.get("unit"), "unknown unit '" + unit + "'; accepted: " + sorted(units) + " (declare new ones under 'units')");
      }
    }
    Boolean minimum = f.containsKey("minimum") ? f.get("minimum").bool() : Boolean.FALSE;
    Quota.Per per = YamlNode.required(f, n, "per").map(p -> enumValue(p, Quota.Per.class, null)).orElse(null);
    if (count == null || unit == null || minimum == null || per == null) {
      return null;
    }
    return new Quota(count, unit, minimum, per);
  }

  private Executor readExecutor(YamlNode n, BodyDirectory bodies) {
    Map<String, YamlNode> f = n.mapping(EXECUTOR_KEYS);
    String body = YamlNode.required(f, n, "body").map(YamlNode::string).orElse(null);
    if (body != null && !bodies.contains(body)) {
      problems.add(f.get("body"), "unknown body code '" + body + "'; accepted: "
          + bodies.all().stream().map(Body::code).collect(Collectors.joining(", ")) + " (defined in the bodies directory)");
      return null;
    }
    Boolean byAgreement = f.containsKey("byAgreement") ? f.get("byAgreement").bool() : Boolean.FALSE;
    return body == null || byAgreement == null ? null : new Executor(body, byAgreement);
  }

  // ---- shared pieces ------------------------------------------------------------------------

  /** A text in all three languages; a missing or blank one is a problem. */
  private LocalizedText text(YamlNode n) {
    return text(n, LocalizedText.LANGUAGES);
  }

  /** {@code acceptedKeys} null: the caller has already checked the keys of this mapping. */
  private LocalizedText text(YamlNode n, List<String> acceptedKeys) {
    Map<String, YamlNode> f = n.mapping(acceptedKeys);
    String[] values = new String[3];
    for (int i = 0; i < 3; i++) {
      String language = LocalizedText.LANGUAGES.get(i);
      YamlNode v = f.get(language);
      if (v == null) {
        problems.add(n, "missing translation '" + language + "'; every text needs kk, ru and en");
      } else {
        values[i] = v.string();
      }
    }
    return Arrays.stream(values).anyMatch(java.util.Objects::isNull) ? null : new LocalizedText(values[0], values[1], values[2]);
  }

  private <E extends Enum<E>> E enumValue(YamlNode n, Class<E> type, String separator) {
    String value = n.string();
    if (value == null) {
      return null;
    }
    String constant = separator == null ? value : value.replace(separator, "_");
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(constant)) {
        return e;
      }
    }
    String accepted = Arrays.stream(type.getEnumConstants())
        .map(e -> separator == null ? e.name() : e.name().replace("_", separator))
        .collect(Collectors.joining(", "));
    problems.add(n, "unknown " + label(type) + " '" + value + "'; accepted: " + accepted);
    return null;
  }

  private static String label(Class<?> type) {
    if (type == Schedule.Kind.class) {
      return "schedule kind";
    }
    if (type == Body.Kind.class) {
      return "body kind";
    }
    if (type == WorkKind.class) {
      return "kind of work";
    }
    return "value";
  }

  private static String sorted(Set<String> values) {
    return values.stream().sorted().collect(Collectors.joining(", "));
  }
}
