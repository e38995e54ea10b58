package dev.trainflow.api.tuning;

import dev.trainflow.activities.persistence.RunInputResolver;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.activities.persistence.TuningJobRepository;
import dev.trainflow.activities.tuning.TuningRecordActivitiesImpl;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tuning repository and the tuning workflow's activities (registered by WorkerConfiguration). */
@Configuration(proxyBeanMethods = false)
class TuningConfiguration {

  @Bean
  TuningJobRepository tuningJobRepository(DSLContext db) {
    return new TuningJobRepository(db);
  }

  @Bean
  TuningRecordActivitiesImpl tuningRecordActivities(TuningJobRepository jobs, TrainingRunRepository runs, RunInputResolver inputs) {
    return new TuningRecordActivitiesImpl(jobs, runs, inputs);
  }
}
