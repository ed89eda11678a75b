package kz.jospar;

import kz.jospar.engine.ClusterNode;
import kz.jospar.ops.SchemaCommand;
import kz.jospar.people.PeopleCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class JosparApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(SchemaCommand.NAME)) {
      System.exit(SchemaCommand.run(System.getenv(), System.out, System.err));
    }
    if (args.length > 0 && args[0].equals(PeopleCommand.NAME)) {
      System.exit(PeopleCommand.run(args, System.getenv(), System.out, System.err));
    }
    // one name for this node everywhere (lock owner, job log, metrics tag, log field), also when
    // JOSPAR_NODE_ID is not set
    if (System.getenv("JOSPAR_NODE_ID") == null && System.getProperty("jospar.node-id") == null) {
      System.setProperty("jospar.node-id", ClusterNode.defaultId());
    }
    SpringApplication.run(JosparApplication.class, args);
  }
}
