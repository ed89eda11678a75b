package kz.jospar.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start, before any bean touches the database or Keycloak, when a setting that the
 * active profiles take from the environment is not set: Spring would otherwise carry the text
 * {@code ${JOSPAR_DB_URL}} on as a value and fail far away from it. A bean factory post-processor,
 * so that it runs before everything else and sees the settings a test adds too.
 */
@Component
class RequiredSettings implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

  /** Property of a profile → the variable it is read from; checked only where the profile defines it. */
  private static final Map<String, String> FROM_ENVIRONMENT = new LinkedHashMap<>();

  static {
    FROM_ENVIRONMENT.put("spring.datasource.url", "JOSPAR_DB_URL");
    FROM_ENVIRONMENT.put("spring.datasource.username", "JOSPAR_DB_USER");
    FROM_ENVIRONMENT.put("spring.datasource.password", "JOSPAR_DB_PASSWORD");
    FROM_ENVIRONMENT.put("jospar.keycloak.url", "JOSPAR_KEYCLOAK_URL");
    FROM_ENVIRONMENT.put("spring.security.oauth2.client.registration.keycloak.client-secret", "JOSPAR_WEBAPPS_CLIENT_SECRET");
    FROM_ENVIRONMENT.put("plugin.identity.keycloak.client-secret", "JOSPAR_IDENTITY_CLIENT_SECRET");
  }

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    List<String> missing = missing(environment);
    if (!missing.isEmpty()) {
      throw new MissingSettingsException(missing);
    }
  }

  static List<String> missing(Environment environment) {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> setting : FROM_ENVIRONMENT.entrySet()) {
      if (!environment.containsProperty(setting.getKey())) {
        continue;
      }
      String value;
      try {
        value = environment.getProperty(setting.getKey());
      } catch (IllegalArgumentException unresolvable) {
        value = null;
      }
      // a password may be empty; an address or a name may not
      boolean blankAllowed = setting.getKey().endsWith("password");
      if (value == null || value.contains("${") || (!blankAllowed && value.isBlank())) {
        missing.add(setting.getValue());
      }
    }
    return missing;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  /** Settings the active profiles need and the environment does not give. */
  static final class MissingSettingsException extends IllegalStateException {

    private final List<String> variables;

    MissingSettingsException(List<String> variables) {
      super("not set: " + String.join(", ", variables));
      this.variables = List.copyOf(variables);
    }

    List<String> variables() {
      return variables;
    }
  }
}
