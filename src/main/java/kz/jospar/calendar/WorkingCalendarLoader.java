package kz.jospar.calendar;

import kz.jospar.catalog.YamlNode;
import kz.jospar.catalog.Problems;
import kz.jospar.catalog.Plans;
import kz.jospar.catalog.PlanCatalog;
import kz.jospar.catalog.CatalogLoader;

import kz.jospar.language.LocalizedText;

import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import kz.jospar.calendar.WorkingCalendar;
import org.springframework.core.io.Resource;

/** Reads the working calendar's data file, with the same line-exact errors as the catalog. */
public final class WorkingCalendarLoader {

  private WorkingCalendarLoader() {}

  public static WorkingCalendar load(Resource resource, int firstYear, int lastYear) {
    return load(CatalogLoader.describe(resource), CatalogLoader.open(resource), firstYear, lastYear);
  }

  /** Loads the calendar and checks that it knows every year of the plan. */
  public static WorkingCalendar load(String name, Supplier<InputStream> in, int firstYear, int lastYear) {
    return load(name, in, firstYear, lastYear, List.of());
  }

  public static WorkingCalendar load(Resource resource, Plans plans) {
    return load(CatalogLoader.describe(resource), CatalogLoader.open(resource), plans);
  }

  /**
   * Loads the calendar and checks that it knows every year of every plan; a plan whose years it does not cover is
   * refused where the plan gives its years (file and line), naming the holiday and where the calendar lists it.
   */
  public static WorkingCalendar load(String name, Supplier<InputStream> in, Plans plans) {
    return load(name, in, plans.firstYear(), plans.lastYear(), plans.all());
  }

  private static WorkingCalendar load(String name, Supplier<InputStream> in, int firstYear, int lastYear, List<PlanCatalog> plans) {
    Problems problems = new Problems();
    YamlNode root = YamlNode.parse(name, in.get(), problems);
    problems.throwIfAny();
    Map<String, YamlNode> top = root.mapping(List.of("weekend", "holidays", "movableHolidays", "transfers"));

    Set<DayOfWeek> weekend = new HashSet<>();
    YamlNode.required(top, root, "weekend").ifPresent(w -> w.sequence().forEach(d -> {
      String day = d.string();
      try {
        weekend.add(DayOfWeek.valueOf(day));
      } catch (IllegalArgumentException | NullPointerException e) {
        problems.add(d, "unknown day '" + day + "'; accepted: "
            + Arrays.stream(DayOfWeek.values()).map(Enum::name).collect(Collectors.joining(", ")));
      }
    }));

    List<WorkingCalendar.FixedHoliday> fixed = new ArrayList<>();
    YamlNode.required(top, root, "holidays").ifPresent(h -> h.sequence().forEach(n -> {
      Map<String, YamlNode> f = n.mapping(List.of("date", "name", "carriedOver"));
      String date = YamlNode.required(f, n, "date").map(YamlNode::string).orElse(null);
      String holiday = YamlNode.required(f, n, "name").map(x -> x.mapping(LocalizedText.LANGUAGES).get("en")).map(YamlNode::string).orElse(null);
      Boolean carried = YamlNode.required(f, n, "carriedOver").map(YamlNode::bool).orElse(null);
      MonthDay day = null;
      if (date != null) {
        try {
          day = MonthDay.parse("--" + date);
        } catch (DateTimeParseException e) {
          problems.add(f.get("date"), "expected a day of the year as MM-DD, such as \"05-01\", got '" + date + "'");
        }
      }
      if (day != null && carried != null) {
        fixed.add(new WorkingCalendar.FixedHoliday(day, holiday, carried));
      }
    }));

    List<WorkingCalendar.MovableHoliday> movable = new ArrayList<>();
    if (top.containsKey("movableHolidays")) {
      for (YamlNode n : top.get("movableHolidays").sequence()) {
        Map<String, YamlNode> f = n.mapping(List.of("name", "carriedOver", "dates"));
        String holiday = YamlNode.required(f, n, "name").map(x -> x.mapping(LocalizedText.LANGUAGES).get("en")).map(YamlNode::string).orElse("?");
        Boolean carried = YamlNode.required(f, n, "carriedOver").map(YamlNode::bool).orElse(null);
        List<LocalDate> dates = new ArrayList<>();
        YamlNode.required(f, n, "dates").ifPresent(d -> d.sequence().forEach(x -> {
          LocalDate date = x.date();
          if (date != null) {
            dates.add(date);
          }
        }));
        if (plans.isEmpty()) {
          for (int year = firstYear; year <= lastYear; year++) {
            int y = year;
            if (dates.stream().noneMatch(d -> d.getYear() == y)) {
              problems.add(n, "no date of '" + holiday + "' for " + year + "; the calendar must know every year of the plan, "
                  + firstYear + "-" + lastYear);
            }
          }
        }
        for (PlanCatalog plan : plans) {
          for (int year = plan.firstYear(); year <= plan.lastYear(); year++) {
            int y = year;
            if (dates.stream().noneMatch(d -> d.getYear() == y)) {
              problems.add(plan.yearsAt(), "plan " + plan.code() + " runs in " + year + ", which the working calendar does not cover: it"
                  + " has no date of '" + holiday + "' for " + year + " (" + n.where() + "); add that year's date there, or the plan cannot run");
            }
          }
        }
        if (carried != null) {
          movable.add(new WorkingCalendar.MovableHoliday(holiday, carried, dates));
        }
      }
    }

    List<WorkingCalendar.Transfer> transfers = new ArrayList<>();
    if (top.containsKey("transfers")) {
      for (YamlNode n : top.get("transfers").sequence()) {
        Map<String, YamlNode> f = n.mapping(List.of("dayOff", "workday", "decree"));
        LocalDate off = YamlNode.required(f, n, "dayOff").map(YamlNode::date).orElse(null);
        LocalDate work = f.containsKey("workday") ? f.get("workday").date() : null;
        if (off != null) {
          transfers.add(new WorkingCalendar.Transfer(off, work));
        }
      }
    }
    problems.throwIfAny();
    return new WorkingCalendar(weekend, fixed, movable, transfers);
  }
}
