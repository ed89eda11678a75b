package kz.jospar.engine;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's name in a homogeneous cluster: the job executor's lock owner (ACT_RU_JOB.LOCK_OWNER_)
 * and the engine's host name (ACT_HI_JOB_LOG.HOSTNAME_, metrics), so an administrator sees which
 * node holds or ran a job. Every node must have its own ({@code JOSPAR_NODE_ID}); without one it is
 * the host name with the process id, which is unique but changes on each restart.
 */
@Component
public class ClusterNode extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

  private final String id;

  ClusterNode(@Value("${jospar.node-id:}") String configured) {
    this.id = configured == null || configured.isBlank() ? defaultId() : configured.strip();
  }

  public String id() {
    return id;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHostname(id);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(id);
    }
    log.info("Cluster node '{}'", id);
  }

  /** The host name with the process id: unique, but new on each restart. */
  public static String defaultId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
  }
}
