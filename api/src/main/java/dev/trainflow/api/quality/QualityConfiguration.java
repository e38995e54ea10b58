package dev.trainflow.api.quality;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.DatasetMaterializer;
import dev.trainflow.activities.drift.DriftCheck;
import dev.trainflow.activities.drift.DriftReferenceQuery;
import dev.trainflow.activities.observability.DataQualityMeters;
import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Data validation and drift: the drift check and the data-quality meters. */
@Configuration(proxyBeanMethods = false)
class QualityConfiguration {

  @Bean
  DriftCheck driftCheck(DatasetRepository datasets, TrainingRunRepository runs, DSLContext db, ArtifactStore store) {
    return new DriftCheck(datasets, runs, new DriftReferenceQuery(db), store, new DatasetMaterializer());
  }

  @Bean
  DataQualityMeters dataQualityMeters(MeterRegistry registry) {
    return new DataQualityMeters(registry);
  }
}
