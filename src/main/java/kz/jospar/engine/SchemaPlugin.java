package kz.jospar.engine;

import kz.jospar.engine.SchemaUpgrade;

import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs before the engine touches the database: the demo brings its schema up to date by itself;
 * production ({@code jospar.schema.auto-upgrade=false}) only checks it and refuses to start on a
 * schema that the explicit step has not brought to this version, naming that step.
 */
@Component
class SchemaPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(SchemaPlugin.class);

  private final DataSource dataSource;
  private final boolean autoUpgrade;

  SchemaPlugin(DataSource dataSource, @Value("${jospar.schema.auto-upgrade:false}") boolean autoUpgrade) {
    this.dataSource = dataSource;
    this.autoUpgrade = autoUpgrade;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    SchemaUpgrade schema = new SchemaUpgrade(dataSource);
    if (autoUpgrade) {
      SchemaUpgrade.Result result = schema.run();
      if (!result.engineScripts().isEmpty() || result.josparApplied() > 0) {
        log.info("Schema brought up to date: engine {} -> {}, Jospar migrations applied: {}", result.engineBefore(),
            result.engineAfter(), result.josparApplied());
      }
    } else {
      schema.verify();
    }
    // The engine never changes the schema itself: that is the step above.
    configuration.setDatabaseSchemaUpdate("false");
  }
}
