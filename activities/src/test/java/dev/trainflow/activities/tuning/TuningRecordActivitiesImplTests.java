package dev.trainflow.activities.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.FeatureConfigRepository;
import dev.trainflow.activities.persistence.ModelConfigRepository;
import dev.trainflow.activities.persistence.PostgresDatabase;
import dev.trainflow.activities.persistence.RunInputResolver;
import dev.trainflow.activities.persistence.StoredTrial;
import dev.trainflow.activities.persistence.StoredTuningJob;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.activities.persistence.TuningJobRepository;
import dev.trainflow.workflows.activities.TrialRunRequest;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import dev.trainflow.workflows.tuning.ParameterRange;
import dev.trainflow.workflows.tuning.TrialRecord;
import dev.trainflow.workflows.tuning.TrialStatus;
import dev.trainflow.workflows.tuning.TrialTemplates;
import dev.trainflow.workflows.tuning.TuningJobStatus;
import dev.trainflow.workflows.tuning.TuningObjective;
import dev.trainflow.workflows.tuning.TuningProgress;
import dev.trainflow.workflows.tuning.TuningSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tuning workflow's activities and the tuning repository on a real PostgreSQL. */
class TuningRecordActivitiesImplTests {
  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TrainingRunRepository runs;
  private TuningJobRepository jobs;
  private TuningRecordActivitiesImpl activities;
  private RunTemplate template;
  private TuningSpec spec;

  @BeforeEach
  void setUp() {
    DatasetRepository datasets = new DatasetRepository(postgres.dsl());
    FeatureConfigRepository features = new FeatureConfigRepository(postgres.dsl());
    ModelConfigRepository models = new ModelConfigRepository(postgres.dsl());
    runs = new TrainingRunRepository(postgres.dsl());
    jobs = new TuningJobRepository(postgres.dsl());
    activities = new TuningRecordActivitiesImpl(jobs, runs, new RunInputResolver(datasets, features, models));
    int n = COUNTER.incrementAndGet();
    long dataset = datasets.create("ds-t" + n, null, DatasetSource.synthetic(100, 50, 1000, 1)).id();
    long featureConfig =
        features.create("fc-t" + n, null,
            new FeatureConfig("customer_id", "product_id",
                List.of(new FeatureSpec(null, "customer_id", "string", "embedding", 32, null)),
                List.of(new FeatureSpec(null, "product_id", "string", "embedding", 32, null)), null)).id();
    long modelConfig = models.create("mc-t" + n, null, new ModelConfig("retrieval", 32, null, null, null, null, null)).id();
    template =
        new RunTemplate("tuned-model-" + n, "retrieval", null, dataset, featureConfig, modelConfig,
            TrainingParams.empty().withDefaults(null), GpuConfig.cpu(), EvaluatorConfig.empty().withDefaults(),
            DeploymentConfig.registerOnly().withDefaults());
    spec =
        new TuningSpec(Map.of("learning_rate", ParameterRange.logUniform(0.001, 0.5)), new TuningObjective("recall_at_100", "maximize"),
            4, 2, TuningSpec.TPE, null, 42, null, null);
  }

  @Test
  void shouldCreateOneRunPerTrialWithItsParamsHoweverOftenTheCallIsRetried() {
    StoredTuningJob job = jobs.create("lr-search", null, template, spec);
    Map<String, Object> params = Map.of("learning_rate", 0.02);
    TrialRunRequest request = new TrialRunRequest(job.id(), 1, job.name(), params, TrialTemplates.trial(template, params));

    TrainingRunInput first = activities.createTrialRun(request);
    TrainingRunInput retried = activities.createTrialRun(request);

    assertThat(retried.runId()).isEqualTo(first.runId());
    assertThat(first.runName()).isEqualTo("lr-search-" + job.id() + "-trial-1");
    assertThat(first.trainingParams().learningRate()).isEqualTo(0.02);
    assertThat(runs.find(first.runId()).orElseThrow().status()).isEqualTo("submitting");
    List<StoredTrial> trials = jobs.trials(job.id());
    assertThat(trials).hasSize(1);
    assertThat(trials.get(0).runId()).isEqualTo(first.runId());
    assertThat(trials.get(0).params()).isEqualTo(params);
    assertThat(job.workflowId()).isEqualTo("tuning-job-" + job.id());
    assertThat(jobs.find(job.id()).orElseThrow().spec()).isEqualTo(spec);
  }

  @Test
  void shouldProjectTheJobAndItsTrialsAndIgnoreAnOlderRevision() {
    StoredTuningJob job = jobs.create("projected", "d", template, spec);
    Map<String, Object> params = Map.of("learning_rate", 0.1);
    long runId = activities.createTrialRun(new TrialRunRequest(job.id(), 1, job.name(), params, TrialTemplates.trial(template, params))).runId();
    TrialRecord done = new TrialRecord(1, runId, params, TrialStatus.COMPLETED, 0.4, Map.of("recall_at_100", 0.4), 3, null, 1_000L, 2_000L);
    TrialRecord stopped = new TrialRecord(2, null, Map.of("learning_rate", 0.3), TrialStatus.STOPPED_EARLY, null, Map.of("recall_at_100", 0.1), 1, null, 1_000L, 1_500L);
    TuningProgress newer = new TuningProgress(job.id(), TuningJobStatus.COMPLETED, List.of(done, stopped), 1, 0.4, null, 7, 1_000L, 3_000L);
    TuningProgress older = new TuningProgress(job.id(), TuningJobStatus.RUNNING, List.of(), null, null, null, 5, 1_000L, null);

    activities.projectTuningJob(newer);
    activities.projectTuningJob(older);

    StoredTuningJob stored = jobs.find(job.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo("completed");
    assertThat(stored.bestTrial()).isEqualTo(1);
    assertThat(stored.bestValue()).isEqualTo(0.4);
    assertThat(stored.finishedAt()).isNotNull();
    List<StoredTrial> trials = jobs.trials(job.id());
    assertThat(trials).extracting(StoredTrial::status).containsExactly("completed", "stopped_early");
    assertThat(trials.get(0).runId()).as("the link to the run stays").isEqualTo(runId);
    assertThat(trials.get(0).metrics()).containsEntry("recall_at_100", 0.4);
    assertThat(trials.get(1).lastStep()).isEqualTo(1);
    assertThat(jobs.list("completed", 50)).extracting(StoredTuningJob::id).contains(job.id());
  }

  @Test
  void shouldFailJobsAndTrialsLeftRunningByALostProcess() {
    StoredTuningJob job = jobs.create("lost-job", null, template, spec);
    Map<String, Object> params = Map.of("learning_rate", 0.1);
    activities.createTrialRun(new TrialRunRequest(job.id(), 1, job.name(), params, TrialTemplates.trial(template, params)));

    assertThat(jobs.failUnfinished("lost with the embedded server")).isGreaterThanOrEqualTo(1);

    StoredTuningJob failed = jobs.find(job.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.error()).isEqualTo("lost with the embedded server");
    assertThat(jobs.trials(job.id())).extracting(StoredTrial::status).containsExactly("failed");
    activities.projectTuningJob(new TuningProgress(job.id(), TuningJobStatus.RUNNING, List.of(), null, null, null, 3, 1_000L, null));
    assertThat(jobs.find(job.id()).orElseThrow().status()).as("a late projection does not revive it").isEqualTo("failed");
  }
}
