package dev.trainflow.activities.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.FeatureConfigRepository;
import dev.trainflow.activities.persistence.ModelConfigRepository;
import dev.trainflow.activities.persistence.NewRun;
import dev.trainflow.activities.persistence.NewSchedule;
import dev.trainflow.activities.persistence.PostgresDatabase;
import dev.trainflow.activities.persistence.ReservedRunSchedule;
import dev.trainflow.activities.persistence.RunInputResolver;
import dev.trainflow.activities.persistence.ScheduleFilter;
import dev.trainflow.activities.persistence.ScheduleRepository;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.StoredSchedule;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.workflows.activities.ScheduledRun;
import dev.trainflow.workflows.activities.ScheduledRunRequest;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.schedule.ScheduleProgress;
import dev.trainflow.workflows.schedule.SchedulePolicies;
import dev.trainflow.workflows.schedule.ScheduleStatus;
import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.ScheduleSpec;
import dev.trainflow.workflows.spec.TrainingParams;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schedule workflow's activities and the schedule repository on a real PostgreSQL. */
class ScheduleRecordActivitiesImplTests {
  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Instant MONDAY_2AM = Instant.parse("2030-04-01T00:00:00Z"); // 02:00 in Berlin

  private TrainingRunRepository runs;
  private ScheduleRepository schedules;
  private ScheduleRecordActivitiesImpl activities;
  private RunTemplate template;

  @BeforeEach
  void setUp() {
    DatasetRepository datasets = new DatasetRepository(postgres.dsl());
    FeatureConfigRepository features = new FeatureConfigRepository(postgres.dsl());
    ModelConfigRepository models = new ModelConfigRepository(postgres.dsl());
    runs = new TrainingRunRepository(postgres.dsl());
    schedules = new ScheduleRepository(postgres.dsl());
    activities = new ScheduleRecordActivitiesImpl(runs, schedules, new RunInputResolver(datasets, features, models));
    int n = COUNTER.incrementAndGet();
    long dataset = datasets.create("ds-s" + n, null, DatasetSource.synthetic(100, 50, 1000, 1)).id();
    long featureConfig =
        features.create("fc-s" + n, null,
            new FeatureConfig("customer_id", "product_id",
                List.of(new FeatureSpec(null, "customer_id", "string", "embedding", 32, null)),
                List.of(new FeatureSpec(null, "product_id", "string", "embedding", 32, null)), null)).id();
    long modelConfig = models.create("mc-s" + n, null, new ModelConfig("retrieval", 32, null, null, null, null, null)).id();
    template =
        new RunTemplate("weekly-model-" + n, "retrieval", "weekly retrain", dataset, featureConfig, modelConfig,
            TrainingParams.empty().withDefaults(null), GpuConfig.cpu(), EvaluatorConfig.empty().withDefaults(),
            DeploymentConfig.registerOnly().withDefaults());
  }

  @Test
  void shouldCreateOneRunPerFireNamedAfterTheScheduleAndLocalTime() {
    StoredSchedule schedule = schedules.create(newSchedule(ScheduleSpec.weekly(List.of("monday"), "02:00", "Europe/Berlin")));
    ScheduledRunRequest request =
        new ScheduledRunRequest(schedule.id(), "weekly-recs", MONDAY_2AM.toEpochMilli(), "Europe/Berlin", template);

    ScheduledRun first = activities.createScheduledRun(request);
    ScheduledRun retried = activities.createScheduledRun(request);
    ScheduledRun next =
        activities.createScheduledRun(
            new ScheduledRunRequest(schedule.id(), "weekly-recs", MONDAY_2AM.plusSeconds(7 * 86400).toEpochMilli(), "Europe/Berlin", template));

    assertThat(first.created()).isTrue();
    assertThat(retried.created()).isFalse();
    assertThat(retried.input().runId()).isEqualTo(first.input().runId());
    assertThat(first.input().runName()).isEqualTo("weekly-recs-20300401-0200");
    assertThat(first.status()).isEqualTo(RunStatus.SUBMITTING);
    assertThat(first.startable()).isTrue();
    assertThat(first.input().datasetSource().type()).isEqualTo("synthetic");
    assertThat(first.input().trainingParams().epochs()).isEqualTo(TrainingParams.DEFAULT_EPOCHS);
    assertThat(next.input().runNumber()).isEqualTo(first.input().runNumber() + 1);
    StoredRun stored = runs.find(first.input().runId()).orElseThrow();
    assertThat(stored.scheduleId()).isEqualTo(schedule.id());
    assertThat(stored.scheduledFor().toInstant()).isEqualTo(MONDAY_2AM);
    assertThat(stored.mlModelName()).isEqualTo(template.mlModelName());
    assertThat(runs.listForSchedule(schedule.id(), 10)).extracting(StoredRun::id)
        .containsExactly(next.input().runId(), first.input().runId());
  }

  @Test
  void shouldStartTheRunReservedForAOnceFireAndCancelReservedRunsOnRequest() {
    NewSchedule once = newSchedule(ScheduleSpec.once("2030-04-01T00:00:00Z", "UTC"));
    ReservedRunSchedule reserved = schedules.createWithReservedRun(once, NewRun.of("my-run", template, RunStatus.PENDING));
    assertThat(reserved.run().status()).isEqualTo("scheduled");
    assertThat(reserved.run().scheduleId()).isEqualTo(reserved.schedule().id());

    ScheduledRun fired =
        activities.createScheduledRun(
            new ScheduledRunRequest(reserved.schedule().id(), reserved.schedule().name(), MONDAY_2AM.toEpochMilli(), "UTC", template));

    assertThat(fired.created()).isFalse();
    assertThat(fired.input().runId()).isEqualTo(reserved.run().id());
    assertThat(fired.input().runName()).isEqualTo("my-run");
    assertThat(fired.status()).isEqualTo(RunStatus.SUBMITTING);

    ReservedRunSchedule other = schedules.createWithReservedRun(once, NewRun.of("other-run", template, RunStatus.PENDING));
    assertThat(activities.cancelUnstartedRuns(other.schedule().id(), "the schedule was cancelled")).isEqualTo(1);
    assertThat(runs.find(other.run().id()).orElseThrow().status()).isEqualTo("cancelled");
    assertThat(activities.cancelUnstartedRuns(reserved.schedule().id(), "done")).isZero();
  }

  @Test
  void shouldProjectNewerRevisionsOnly() {
    StoredSchedule schedule = schedules.create(newSchedule(ScheduleSpec.daily("02:00", "UTC")));

    activities.projectSchedule(progress(schedule.id(), ScheduleStatus.ACTIVE, 5, 3));
    activities.projectSchedule(progress(schedule.id(), ScheduleStatus.PAUSED, 4, 2));

    StoredSchedule stored = schedules.find(schedule.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo("active");
    assertThat(stored.totalRuns()).isEqualTo(3);
    assertThat(stored.successfulRuns()).isEqualTo(2);
    assertThat(stored.failedRuns()).isEqualTo(1);
    assertThat(stored.successRate()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(stored.nextRunAt().toInstant()).isEqualTo(MONDAY_2AM);
    assertThat(stored.lastRunStatus()).isEqualTo("completed");
    assertThat(stored.workflowId()).isEqualTo("training-schedule-" + schedule.id());
    assertThat(stored.template()).isEqualTo(template);

    activities.projectSchedule(progress(schedule.id(), ScheduleStatus.PAUSED, 6, 3));
    StoredSchedule paused = schedules.find(schedule.id()).orElseThrow();
    assertThat(paused.status()).isEqualTo("paused");
    assertThat(paused.nextRunAt()).as("a paused schedule has no next run").isNull();
    assertThat(schedules.list(new ScheduleFilter("paused", 0, 100)).items()).extracting(StoredSchedule::id).contains(schedule.id());
    assertThat(schedules.list(new ScheduleFilter("cancelled", 0, 100)).items()).extracting(StoredSchedule::id).doesNotContain(schedule.id());
  }

  private NewSchedule newSchedule(ScheduleSpec spec) {
    return new NewSchedule("weekly-recs", null, spec.normalized(), template, SchedulePolicies.defaults(), MONDAY_2AM);
  }

  private static ScheduleProgress progress(long id, ScheduleStatus status, long revision, int total) {
    return new ScheduleProgress(
        id, status, ScheduleSpec.daily("02:00", "UTC"), status == ScheduleStatus.PAUSED ? "by hand" : null,
        total, total - 1, 1, 0, 0, 0, false, 42L, "completed", MONDAY_2AM.toEpochMilli() - 86_400_000,
        MONDAY_2AM.toEpochMilli(), List.of(), null, List.of(), revision);
  }
}
