package kz.jospar.catalog;

import kz.jospar.language.LocalizedText;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An item ("4") or a sub-item ("4.2") of the action plan. A row without a schedule is a heading
 * only (item 15): its work is in its sub-items.
 *
 * @param parent the item's number for a sub-item, null for an item
 * @param executorsInherited true when the decree lists no executors for this sub-item and it takes
 *     its item's
 * @param completionFormInherited likewise for the completion form
 * @param kind the kind of work, which chooses the row's model; a sub-item takes its item's unless it names its own
 * @param recordsIndicators closing a period of this row records the target indicators' measured values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanRow(
    String number,
    String parent,
    String direction,
    WorkKind kind,
    LocalizedText name,
    LocalizedText completionForm,
    boolean completionFormInherited,
    LocalizedText deadline,
    Schedule schedule,
    Quota quota,
    List<Executor> executors,
    boolean executorsInherited,
    boolean recordsIndicators,
    List<PlanRow> subitems,
    @JsonIgnore int line) {

  @JsonIgnore
  public boolean isItem() {
    return parent == null;
  }

  @JsonIgnore
  public boolean hasSchedule() {
    return schedule != null;
  }

  /** The executor listed first leads the row: it consolidates the period's reports. */
  @JsonIgnore
  public Executor lead() {
    return executors.isEmpty() ? null : executors.get(0);
  }
}
