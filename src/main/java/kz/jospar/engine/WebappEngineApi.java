package kz.jospar.engine;

import kz.jospar.engine.EngineRestConfiguration;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.jackson.JacksonFeature;

/**
 * The webapps' own door to the engine's REST API (/camunda/api/engine, which Cockpit, Tasklist and
 * Admin call) with the same answers to failures as /engine-rest: a refusal is a 403, a person's
 * mistake a 4xx naming the field, never a 500 or a Java class name. Camunda's application with its
 * exception mappers swapped for Jospar's; registered in place of Camunda's by {@link EngineRestConfiguration}.
 */
public class WebappEngineApi extends EngineRestApplication {

  @Override
  public Set<Class<?>> getClasses() {
    Set<Class<?>> classes = new HashSet<>(super.getClasses());
    classes.removeAll(EngineRestConfiguration.REPLACED);
    classes.addAll(EngineRestConfiguration.FAILURES);
    return classes;
  }

  @Override
  @SuppressWarnings("deprecation") // Application.getSingletons: the one way an Application class registers an instance
  public Set<Object> getSingletons() {
    // Jersey's own JSON mappers would answer with Jackson's text, which names Java classes
    return Set.of(JacksonFeature.withoutExceptionMappers());
  }
}
