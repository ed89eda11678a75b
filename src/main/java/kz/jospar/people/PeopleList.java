package kz.jospar.people;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import kz.jospar.catalog.Body;
import kz.jospar.catalog.BodyDirectory;
import kz.jospar.access.Roles;

/**
 * A list of people (CSV with a header: name, e-mail, body, role, language; comma or semicolon, as
 * spreadsheets save it), read and checked line by line: every person in exactly one body of the
 * directory and one role. Problems name the line; a list with any problem is refused whole.
 */
final class PeopleList {

  /** The roles a person of the list can have; monitoring is a machine's, not a person's. */
  static final List<String> ROLES = List.of(Roles.OFFICIAL, Roles.SUPERVISOR, Roles.COORDINATOR, Roles.AUDITOR, Roles.ADMIN);
  static final List<String> LANGUAGES = List.of("kk", "ru", "en");
  /** What the engine accepts as a user id (application.yaml, userResourceWhitelistPattern); the e-mail is the id. */
  private static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9]+([-_.@][a-zA-Z0-9]+)*");
  private static final Map<String, String> COLUMNS = Map.of("name", "name", "e-mail", "email", "email", "email", "body", "body",
      "role", "role", "language", "language");

  record Person(int line, String id, String name, String email, String body, String role, String language) {

    /** The groups this person belongs to: body, role, and a supervisor's body's supervisors. */
    Set<String> groups() {
      return role.equals(Roles.SUPERVISOR) ? Set.of(body, Roles.supervisorsOf(body), role) : Set.of(body, role);
    }

    String firstName() {
      int space = name.lastIndexOf(' ');
      return space < 0 ? name : name.substring(0, space);
    }

    String lastName() {
      int space = name.lastIndexOf(' ');
      return space < 0 ? "" : name.substring(space + 1);
    }
  }

  record Result(List<Person> people, List<String> problems) {}

  static Result read(String text, BodyDirectory bodies) {
    List<Person> people = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> lines = text.replace("\uFEFF", "").lines().toList();
    if (lines.isEmpty()) {
      return new Result(people, List.of("line 1: the list is empty; its first line names the columns: name,email,body,role,language"));
    }
    char separator = lines.get(0).contains(";") && !lines.get(0).contains(",") ? ';' : ',';
    Map<String, Integer> column = new HashMap<>();
    List<String> header = split(lines.get(0), separator);
    for (int i = 0; i < header.size(); i++) {
      String name = COLUMNS.get(header.get(i).trim().toLowerCase(Locale.ROOT));
      if (name != null) {
        column.put(name, i);
      }
    }
    for (String required : List.of("name", "email", "body", "role")) {
      if (!column.containsKey(required)) {
        problems.add("line 1: no column '" + required + "'; the first line names the columns: name,email,body,role,language");
      }
    }
    if (!problems.isEmpty()) {
      return new Result(people, problems);
    }
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int n = 1; n < lines.size(); n++) {
      int line = n + 1;
      if (lines.get(n).isBlank()) {
        continue;
      }
      List<String> cells = split(lines.get(n), separator);
      String name = cell(cells, column.get("name"));
      String email = cell(cells, column.get("email")).toLowerCase(Locale.ROOT);
      String body = cell(cells, column.get("body")).toLowerCase(Locale.ROOT);
      String role = cell(cells, column.get("role")).toLowerCase(Locale.ROOT);
      String language = column.containsKey("language") ? cell(cells, column.get("language")).toLowerCase(Locale.ROOT) : "";
      List<String> here = new ArrayList<>();
      if (name.isEmpty()) {
        here.add("line " + line + ": the name is empty");
      }
      if (!email.contains("@") || !USER_ID.matcher(email).matches()) {
        here.add("line " + line + ": '" + email + "' is not an e-mail address Jospar accepts as a sign-in name "
            + "(letters, digits, and . - _ between them, one @)");
      }
      if (body.isEmpty() || bodies.find(body).isEmpty()) {
        here.add("line " + line + ": unknown body '" + body + "'; a body is a code of catalog/bodies.yaml, such as "
            + example(bodies));
      } else if (!bodies.leaves().contains(bodies.find(body).get())) {
        here.add("line " + line + ": '" + body + "' is a group of bodies; a person belongs to one of its members: "
            + String.join(", ", bodies.expand(body).stream().map(Body::code).limit(5).toList()) + ", …");
      }
      if (!ROLES.contains(role)) {
        here.add("line " + line + ": unknown role '" + role + "'; one of " + String.join(", ", ROLES));
      }
      if (language.isEmpty()) {
        language = "kk";
      } else if (!LANGUAGES.contains(language)) {
        here.add("line " + line + ": unknown language '" + language + "'; one of kk, ru, en");
      }
      Integer earlier = seen.putIfAbsent(email, line);
      if (earlier != null) {
        here.add("line " + line + ": " + email + " is already on line " + earlier + "; a person has exactly one body and one role, "
            + "so one line");
      }
      problems.addAll(here);
      if (here.isEmpty()) {
        people.add(new Person(line, email, name, email, body, role, language));
      }
    }
    return new Result(people, problems);
  }

  private static String example(BodyDirectory bodies) {
    return String.join(", ", bodies.leaves().stream().map(Body::code).limit(3).toList());
  }

  private static String cell(List<String> cells, int index) {
    return index < cells.size() ? cells.get(index).trim() : "";
  }

  /** One CSV line: quoted cells may hold the separator and doubled quotes. */
  static List<String> split(String line, char separator) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == separator) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
