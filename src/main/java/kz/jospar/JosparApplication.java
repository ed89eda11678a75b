package kz.jospar;

import kz.jospar.ops.SchemaCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class JosparApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(SchemaCommand.NAME)) {
      System.exit(SchemaCommand.run(System.getenv(), System.out, System.err));
    }
    SpringApplication.run(JosparApplication.class, args);
  }
}
