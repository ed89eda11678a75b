package kz.jospar;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class JosparApplication {

  public static void main(String[] args) {
    SpringApplication.run(JosparApplication.class, args);
  }
}
