package kz.jospar.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Every engine command that checks authorizations first asks which of the caller's groups have any
 * authorization at all (Camunda leaves the others out of its checks). Camunda answers that by reading
 * every group that has an authorization ({@code selectAuthorizedGroupIds}), once per command: about 1 ms
 * per command once the plan has thousands of open tasks, and a report's completion runs about five such
 * commands. Jospar asks only about the caller's own groups, one index probe each
 * ({@code selectJosparAuthorizedGroupIdsAmong} in Jospar's copy of Authorization.xml). The answer is the
 * same set; {@code AuthorizedGroupsTest} checks it.
 */
@Component
class AuthorizedGroupsPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new Factory());
    configuration.setCustomSessionFactories(factories);
  }

  /** Replaces the engine's AuthorizationManager in every command (sessions are looked up by this type). */
  static final class Factory implements SessionFactory {
    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new JosparAuthorizationManager();
    }
  }

  static final class JosparAuthorizationManager extends AuthorizationManager {
    private List<String> askedFor;
    private List<String> answer;

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return Collections.emptyList();
      }
      if (answer == null || !authenticatedGroupIds.equals(askedFor)) {
        List<String> groups = authenticatedGroupIds.stream().filter(Objects::nonNull).distinct().toList();
        List<String> found = new ArrayList<>();
        if (!groups.isEmpty()) {
          for (Object g : getDbEntityManager().selectList("selectJosparAuthorizedGroupIdsAmong", new ListQueryParameterObject(groups, 0,
              Integer.MAX_VALUE))) {
            if (g != null) {
              found.add((String) g);
            }
          }
        }
        askedFor = List.copyOf(authenticatedGroupIds);
        answer = found;
      }
      return new ArrayList<>(answer);
    }
  }
}
