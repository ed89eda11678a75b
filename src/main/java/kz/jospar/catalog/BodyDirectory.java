package kz.jospar.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The responsible bodies, by code, with groups expanded to the bodies they stand for. */
public final class BodyDirectory {

  private final Map<String, Body> byCode = new LinkedHashMap<>();

  BodyDirectory(List<Body> bodies) {
    bodies.forEach(b -> byCode.put(b.code(), b));
  }

  public Collection<Body> all() {
    return byCode.values();
  }

  public Optional<Body> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public boolean contains(String code) {
    return byCode.containsKey(code);
  }

  /** The bodies that are not groups: the ones that each get a task, a group and people. */
  public List<Body> leaves() {
    return byCode.values().stream().filter(b -> !b.isGroup()).toList();
  }

  /** A body stands for itself; a group for its members, groups within it expanded in turn. */
  public List<Body> expand(String code) {
    List<Body> out = new ArrayList<>();
    expandInto(code, out);
    return out;
  }

  private void expandInto(String code, List<Body> out) {
    Body body = byCode.get(code);
    if (body == null) {
      throw new IllegalArgumentException("unknown body code '" + code + "'");
    }
    if (body.isGroup()) {
      body.members().forEach(m -> expandInto(m, out));
    } else if (!out.contains(body)) {
      out.add(body);
    }
  }
}
