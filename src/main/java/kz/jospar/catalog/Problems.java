package kz.jospar.catalog;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a catalog, so one start reports them all rather than the first. */
public final class Problems {

  private final List<String> found = new ArrayList<>();

  public void add(YamlNode at, String message) {
    found.add(at.where() + ": " + message);
  }

  public void add(String where, String message) {
    found.add(where + ": " + message);
  }

  public boolean any() {
    return !found.isEmpty();
  }

  public void throwIfAny() {
    if (any()) {
      throw new CatalogException(found);
    }
  }
}
