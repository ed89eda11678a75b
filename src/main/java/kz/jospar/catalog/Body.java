package kz.jospar.catalog;

import kz.jospar.language.LocalizedText;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * A responsible body, or a group of bodies the plan names together. The code never changes: a
 * rename moves the old name to {@code formerNames}, so history keeps pointing at the same body.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Body(
    String code,
    Kind kind,
    LocalizedText abbreviation,
    LocalizedText name,
    List<FormerName> formerNames,
    String parent,
    List<String> members) {

  public enum Kind {
    ministry,
    state_institution,
    communal_institution,
    akimat,
    institute,
    council,
    public_association,
    chamber,
    group;

    /** As written in the data: {@code state-institution}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
      return name().replace('_', '-');
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FormerName(String kk, String ru, String en, LocalDate until, LocalizedText note) {}

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isGroup() {
    return kind == Kind.group;
  }

  /** The name the body had on a date. */
  public LocalizedText nameOn(LocalDate date) {
    return formerNames.stream()
        .filter(f -> date.isBefore(f.until()))
        .min(java.util.Comparator.comparing(FormerName::until))
        .map(f -> new LocalizedText(f.kk(), f.ru(), f.en()))
        .orElse(name);
  }
}
