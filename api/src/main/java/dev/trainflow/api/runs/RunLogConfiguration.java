package dev.trainflow.api.runs;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.logs.RunLogReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RunLogConfiguration {
  @Bean
  RunLogReader runLogReader(ArtifactStore store) {
    return new RunLogReader(store);
  }
}
