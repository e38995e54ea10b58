package dev.trainflow.api;

import dev.trainflow.api.demo.DemoRun;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TrainflowApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("demo")) {
      System.exit(DemoRun.main(Arrays.copyOfRange(args, 1, args.length)));
    }
    SpringApplication.run(TrainflowApplication.class, args);
  }
}
