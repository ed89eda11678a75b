package kz.jospar.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node that knows its file, line and path, so that every complaint about the catalog can
 * say where it is. Type errors are reported to {@link Problems} and answered with null, so that
 * reading goes on and one start lists every mistake.
 */
public final class YamlNode {

  private final String file;
  private final String path;
  private final Node node;
  private final Problems problems;

  private YamlNode(String file, String path, Node node, Problems problems) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.problems = problems;
  }

  /** Parses a whole file; a syntax error is reported with its line and the result is null. */
  public static YamlNode parse(String file, InputStream in, Problems problems) {
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      Node root = new Yaml(options).compose(reader);
      if (root == null) {
        problems.add(file, "the file is empty");
        return null;
      }
      return new YamlNode(file, "", root, problems);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      problems.add(file + ":" + line, "not valid YAML: " + e.getProblem());
      return null;
    } catch (IOException e) {
      problems.add(file, "cannot be read: " + e.getMessage());
      return null;
    }
  }

  public String where() {
    return file + ":" + line() + (path.isEmpty() ? "" : ": " + path);
  }

  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  public String path() {
    return path;
  }

  private boolean isNull() {
    return node instanceof ScalarNode s && (s.getTag().equals(Tag.NULL) || s.getValue().isEmpty());
  }

  /** The keys of a mapping, in order; reports anything not in {@code accepted}. */
  public Map<String, YamlNode> mapping(Collection<String> accepted) {
    if (!(node instanceof MappingNode m)) {
      problems.add(this, "expected a mapping with keys " + String.join(", ", accepted));
      return Map.of();
    }
    Map<String, YamlNode> children = new LinkedHashMap<>();
    for (NodeTuple tuple : m.getValue()) {
      String key = ((ScalarNode) tuple.getKeyNode()).getValue();
      YamlNode child = new YamlNode(file, path.isEmpty() ? key : path + "." + key, tuple.getValueNode(), problems);
      if (accepted != null && !accepted.contains(key)) {
        problems.add(child, "unknown key '" + key + "'; accepted: " + String.join(", ", accepted));
      } else {
        children.put(key, child);
      }
    }
    return children;
  }

  public List<YamlNode> sequence() {
    if (!(node instanceof SequenceNode s)) {
      problems.add(this, "expected a list");
      return List.of();
    }
    List<YamlNode> items = new ArrayList<>();
    for (int i = 0; i < s.getValue().size(); i++) {
      items.add(new YamlNode(file, path + "[" + i + "]", s.getValue().get(i), problems));
    }
    return items;
  }

  private String scalar(String expected) {
    if (node instanceof ScalarNode s && !isNull()) {
      return s.getValue().strip();
    }
    problems.add(this, "expected " + expected);
    return null;
  }

  public String string() {
    return scalar("a text");
  }

  public Integer integer() {
    String value = scalar("a whole number");
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      problems.add(this, "expected a whole number, got '" + value + "'");
      return null;
    }
  }

  /** A decimal, or null where the data says null (a "-" in the decree's table). */
  public BigDecimal decimalOrNull() {
    if (isNull()) {
      return null;
    }
    String value = scalar("a number");
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      problems.add(this, "expected a number with a decimal point (80.2, not 80,2), got '" + value + "'");
      return null;
    }
  }

  public Boolean bool() {
    String value = scalar("true or false");
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problems.add(this, "expected true or false, got '" + value + "'");
        yield null;
      }
    };
  }

  public LocalDate date() {
    String value = scalar("a date YYYY-MM-DD");
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(this, "expected a date YYYY-MM-DD, got '" + value + "'");
      return null;
    }
  }

  /** A required child: reports its absence at the parent's line. */
  public static Optional<YamlNode> required(Map<String, YamlNode> map, YamlNode parent, String key) {
    YamlNode child = map.get(key);
    if (child == null) {
      parent.problems.add(parent, "missing '" + key + "'");
    }
    return Optional.ofNullable(child);
  }
}
