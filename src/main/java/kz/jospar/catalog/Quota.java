package kz.jospar.catalog;

/**
 * A number the plan sets for a row: "кемінде 10 материал" is {@code 10 material, minimum}.
 *
 * @param unit a key of the catalog's units
 * @param minimum true for "at least" (кемінде), false for an exact number
 * @param per whether the count is for the whole year or for each period of the schedule
 */
public record Quota(int count, String unit, boolean minimum, Per per) {

  public enum Per {
    year,
    period
  }
}
