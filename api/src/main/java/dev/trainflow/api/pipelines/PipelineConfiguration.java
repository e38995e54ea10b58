package dev.trainflow.api.pipelines;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.DatasetMaterializer;
import dev.trainflow.activities.drift.DriftCheck;
import dev.trainflow.activities.observability.DataQualityMeters;
import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.PipelineRepository;
import dev.trainflow.activities.persistence.RunInputResolver;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.activities.pipelines.PipelineDataActivitiesImpl;
import dev.trainflow.activities.pipelines.PipelineMeters;
import dev.trainflow.activities.pipelines.PipelineRecordActivitiesImpl;
import dev.trainflow.activities.pipelines.WebhookSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pipeline repository and the pipeline workflow's activities (registered by WorkerConfiguration). */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

  @Bean
  PipelineRepository pipelineRepository(DSLContext db) {
    return new PipelineRepository(db);
  }

  /** Signs webhook bodies with {@code trainflow.pipelines.webhook-secret}; without one, webhooks are refused at creation. */
  @Bean
  WebhookSender webhookSender(@Value("${trainflow.pipelines.webhook-secret:}") String secret) {
    return new WebhookSender(secret);
  }

  @Bean
  PipelineRecordActivitiesImpl pipelineRecordActivities(
      PipelineRepository pipelines, TrainingRunRepository runs, RunInputResolver inputs, MeterRegistry registry, WebhookSender webhooks) {
    return new PipelineRecordActivitiesImpl(pipelines, runs, inputs, new PipelineMeters(registry), webhooks);
  }

  @Bean
  PipelineDataActivitiesImpl pipelineDataActivities(
      DatasetRepository datasets, ArtifactStore store, DataQualityMeters meters, DriftCheck drift) {
    return new PipelineDataActivitiesImpl(datasets, store, new DatasetMaterializer(), meters, Clock.systemUTC(), drift);
  }
}
