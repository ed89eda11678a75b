package kz.jospar.access;

import java.util.List;

/**
 * The roles of Jospar. Each is a Camunda group of type {@link #TYPE}; a person's body is a group of
 * type {@link #BODY_TYPE} whose id is the body's code from the bodies directory.
 */
public final class Roles {

  public static final String OFFICIAL = "official";
  public static final String SUPERVISOR = "supervisor";
  public static final String COORDINATOR = "coordinator";
  public static final String AUDITOR = "auditor";
  /**
   * The administrators' group is Camunda's own {@code camunda-admin}: the webapps treat it as the
   * administrators and, while it has no member, offer anyone a page to create the first one.
   */
  public static final String ADMIN = org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN;

  /** Scrapes the metrics (/actuator/prometheus) and reads health details; no rights in the engine. */
  public static final String MONITORING = "monitoring";

  public static final List<String> ALL = List.of(OFFICIAL, SUPERVISOR, COORDINATOR, AUDITOR, ADMIN, MONITORING);

  /** Camunda group type of a role group. */
  public static final String TYPE = "role";
  /** Camunda group type of a body's group. */
  public static final String BODY_TYPE = "body";

  /** Camunda group type of a body's supervisors' group. */
  public static final String BODY_SUPERVISORS_TYPE = "body-supervisors";

  /** The group of a body's supervisors: candidates for its reviews and level-1 escalations. */
  public static String supervisorsOf(String body) {
    return body + "-supervisors";
  }

  private Roles() {}
}
