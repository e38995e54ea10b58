package dev.trainflow.api.runtime;

import dev.trainflow.activities.persistence.BudgetRepository;
import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.FeatureConfigRepository;
import dev.trainflow.activities.persistence.ModelConfigRepository;
import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.activities.persistence.ModelStageRepository;
import dev.trainflow.activities.persistence.RunInputResolver;
import dev.trainflow.activities.persistence.RunProjection;
import dev.trainflow.activities.persistence.ScheduleRepository;
import dev.trainflow.activities.persistence.TrainingMetricsRepository;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

  @Bean
  DatasetRepository datasetRepository(DSLContext db) {
    return new DatasetRepository(db);
  }

  @Bean
  FeatureConfigRepository featureConfigRepository(DSLContext db) {
    return new FeatureConfigRepository(db);
  }

  @Bean
  ModelConfigRepository modelConfigRepository(DSLContext db) {
    return new ModelConfigRepository(db);
  }

  @Bean
  TrainingRunRepository trainingRunRepository(DSLContext db) {
    return new TrainingRunRepository(db);
  }

  @Bean
  TrainingMetricsRepository trainingMetricsRepository(DSLContext db) {
    return new TrainingMetricsRepository(db);
  }

  @Bean
  ModelRegistryRepository modelRegistryRepository(DSLContext db) {
    return new ModelRegistryRepository(db);
  }

  @Bean
  ModelStageRepository modelStageRepository(DSLContext db) {
    return new ModelStageRepository(db);
  }

  @Bean
  ScheduleRepository scheduleRepository(DSLContext db) {
    return new ScheduleRepository(db);
  }

  @Bean
  RunInputResolver runInputResolver(
      DatasetRepository datasets, FeatureConfigRepository featureConfigs, ModelConfigRepository modelConfigs) {
    return new RunInputResolver(datasets, featureConfigs, modelConfigs);
  }

  @Bean
  BudgetRepository budgetRepository(DSLContext db) {
    return new BudgetRepository(db);
  }

  @Bean
  RunProjection runProjection(DSLContext db) {
    return new RunProjection(db);
  }
}
