package kz.jospar.catalog;

import java.util.List;

/** A catalog that cannot be used: every problem found, each naming its file, line and path. */
public class CatalogException extends RuntimeException {

  private final List<String> problems;

  public CatalogException(List<String> problems) {
    super(problems.size() + " problem(s) in the plan catalog:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
