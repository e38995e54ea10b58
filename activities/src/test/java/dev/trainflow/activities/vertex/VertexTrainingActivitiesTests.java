package dev.trainflow.activities.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.cloud.NoCredentials;
import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.CreateCustomJobRequest;
import com.google.cloud.aiplatform.v1.CustomJob;
import com.google.cloud.aiplatform.v1.EnvVar;
import com.google.cloud.aiplatform.v1.JobServiceClient;
import com.google.cloud.aiplatform.v1.JobState;
import com.google.cloud.aiplatform.v1.Scheduling;
import com.google.cloud.aiplatform.v1.WorkerPoolSpec;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.rpc.Code;
import dev.trainflow.activities.artifacts.FakeGcsServer;
import dev.trainflow.activities.artifacts.GcsArtifactStore;
import dev.trainflow.activities.data.SampleRuns;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.activities.TrainingStart;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.GpuConfig;
import io.grpc.Status;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Vertex AI training backend through the real JobServiceClient against an in-process gRPC
 * fake of JobService, with its files in a Cloud Storage fake: the custom job it creates, how it
 * polls, heartbeats and cancels, and the failure taxonomy it answers with.
 */
class VertexTrainingActivitiesTests {
  private static final String BUCKET = "tf-artifacts";
  private static final String IMAGE = "us-central1-docker.pkg.dev/p/trainflow/worker-gpu:1";
  private static final String PARENT = "projects/test-project/locations/us-central1";
  private static final long NOW = 1_700_000_000_000L;

  private FakeGcsServer gcs;
  private FakeJobService vertex;
  private Storage storage;
  private GcsArtifactStore store;
  private JobServiceClient jobs;
  private TestActivityEnvironment env;
  private TrainingActivities activities;
  private CompiledRun run;
  private final List<EpochMetrics> epochs = new CopyOnWriteArrayList<>();
  private final List<TrainingStart> starts = new CopyOnWriteArrayList<>();
  private final TrainingReports reports =
      new TrainingReports() {
        @Override
        public void started(String workflowId, TrainingStart start) {
          assertThat(workflowId).isEqualTo("run-17");
          starts.add(start);
        }

        @Override
        public void epoch(String workflowId, EpochMetrics metrics) {
          assertThat(workflowId).isEqualTo("run-17");
          epochs.add(metrics);
        }
      };

  @BeforeEach
  void start() throws Exception {
    gcs = new FakeGcsServer().bucket(BUCKET, "US-CENTRAL1").bucket("eu-staging", "EUROPE-WEST4");
    storage =
        StorageOptions.newBuilder().setHost(gcs.endpoint()).setProjectId("test-project")
            .setCredentials(NoCredentials.getInstance()).build().getService();
    store = new GcsArtifactStore(storage, "gs://" + BUCKET + "/trainflow");
    run = SampleRuns.compile(store, SampleRuns.synthetic(17, SampleRuns.params("random", 0.1, 0.1, 100.0, 42)));
    vertex = new FakeJobService();
    activities = activitiesWith(settings(null));
  }

  private VertexSettings settings(String stagingBucket) {
    return new VertexSettings(
        "test-project", "us-central1", stagingBucket, IMAGE, "trainer@test-project.iam.gserviceaccount.com",
        vertex.endpoint(), Duration.ofMillis(10));
  }

  private TrainingActivities activitiesWith(VertexSettings settings) {
    if (env != null) {
      env.close();
      jobs.close();
    }
    jobs = VertexClients.jobs(settings);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new VertexTrainingActivities(store, jobs, storage, settings, () -> NOW, reports));
    return env.newActivityStub(
        TrainingActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).setHeartbeatTimeout(Duration.ofSeconds(1)).build());
  }

  @AfterEach
  void stop() throws Exception {
    env.close();
    jobs.close();
    vertex.close();
    storage.close();
    gcs.close();
  }

  private TrainingRequest request(int attempt, GpuConfig capacity, Long deadline) {
    return new TrainingRequest("run-17", run, null, null, "gs://tf-artifacts/trainflow/runs/17/checkpoints/epoch-2",
        attempt, capacity, deadline, 0.35, null);
  }

  private static TrainingResult result() {
    return new TrainingResult("gs://tf-artifacts/trainflow/runs/17/model", 5, new EpochMetrics(5, 0.4, 0.5, 0.2, 0.3, 0.5, 0.7, 0.1, 1000.0, 12.0, null, null),
        "gs://tf-artifacts/trainflow/runs/17/checkpoints/epoch-5", 321.0, "vertex", 4, false,
        "gs://tf-artifacts/trainflow/runs/17/model/saved_model");
  }

  private static EpochMetrics epoch(int n) {
    return new EpochMetrics(n, 0.4, 0.5, 0.2, 0.3, 0.5, 0.7, 0.1, 1000.0, 12.0, null, null);
  }

  /** What the trainer in the job does: progress and epochs while running, its result when it succeeds. */
  private void trainerSucceeds(int attempt) {
    String folder = "runs/17/vertex/attempt-" + attempt;
    int[] running = {0};
    vertex.onState((job, state) -> {
      if (state == JobState.JOB_STATE_RUNNING) {
        running[0]++;
        store.write(folder + "/progress.json", VertexJson.write(new TrainingHeartbeat(3, 40, "gs://x/ckpt-3", 3, 1.5)));
        store.write(folder + "/epochs.json", VertexJson.write(running[0] == 1 ? List.of(epoch(1)) : List.of(epoch(1), epoch(2))));
      } else if (state == JobState.JOB_STATE_SUCCEEDED) {
        store.write(folder + "/epochs.json", VertexJson.write(List.of(epoch(1), epoch(2), epoch(3))));
        store.write(folder + "/result.json", VertexJson.write(result()));
      }
    });
  }

  @Test
  void shouldSubmitTheAttemptAsOneSpotCustomJobAndReturnTheTrainersResult() {
    vertex.script(JobState.JOB_STATE_PENDING, JobState.JOB_STATE_RUNNING, JobState.JOB_STATE_RUNNING, JobState.JOB_STATE_SUCCEEDED);
    trainerSucceeds(2);
    TrainingRequest request = request(2, new GpuConfig("NVIDIA_TESLA_T4", 1, null, true), NOW + 3_600_000);

    TrainingResult trained = activities.train(request);

    assertThat(trained).isEqualTo(result());
    // each epoch relayed once, in order, and the start once the job's VM was up
    assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(starts).containsExactly(
        new TrainingStart(2, "vertex:" + PARENT + "/customJobs/1001", 1_700_000_100_000L, request.resumeFromCheckpointUri()));
    assertThat(vertex.creates).hasSize(1);
    CreateCustomJobRequest sent = vertex.creates.get(0);
    assertThat(sent.getParent()).isEqualTo(PARENT);
    CustomJob job = sent.getCustomJob();
    assertThat(job.getDisplayName()).isEqualTo("trainflow-run-17-attempt-2");
    assertThat(job.getLabelsMap())
        .containsEntry("trainflow_run_id", "17").containsEntry("trainflow_attempt", "2").containsKey("trainflow_model");
    assertThat(job.getJobSpec().getWorkerPoolSpecsList()).hasSize(1);
    WorkerPoolSpec pool = job.getJobSpec().getWorkerPoolSpecs(0);
    assertThat(pool.getReplicaCount()).isEqualTo(1);
    assertThat(pool.getMachineSpec().getMachineType()).isEqualTo("n1-standard-8");
    assertThat(pool.getMachineSpec().getAcceleratorType()).isEqualTo(AcceleratorType.NVIDIA_TESLA_T4);
    assertThat(pool.getMachineSpec().getAcceleratorCount()).isEqualTo(1);
    assertThat(pool.getContainerSpec().getImageUri()).isEqualTo(IMAGE);
    String files = "runs/17/vertex/attempt-2/"; // under ARTIFACT_ROOT
    assertThat(pool.getContainerSpec().getCommandList())
        .containsExactly("java", "-XX:MaxRAMPercentage=75", "-Dloader.main=dev.trainflow.worker.VertexTrainerMain", "-cp",
            "/app/trainflow-worker-gpu.jar", "org.springframework.boot.loader.launch.PropertiesLauncher");
    assertThat(pool.getContainerSpec().getArgsList())
        .containsExactly("--request", files + "request.json", "--result", files + "result.json",
            "--progress", files + "progress.json", "--failure", files + "failure.json", "--epochs", files + "epochs.json");
    assertThat(pool.getContainerSpec().getEnvList())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ARTIFACT_ROOT", "gs://tf-artifacts/trainflow"),
            org.assertj.core.groups.Tuple.tuple("TF_CPU_ALLOCATOR_USE_BFC", "true"));
    assertThat(job.getJobSpec().getScheduling().getStrategy()).isEqualTo(Scheduling.Strategy.SPOT);
    assertThat(job.getJobSpec().getScheduling().getTimeout().getSeconds()).isEqualTo(3600 + CustomJobs.DEADLINE_GRACE_SECONDS);
    assertThat(job.getJobSpec().getServiceAccount()).isEqualTo("trainer@test-project.iam.gserviceaccount.com");
    assertThat(job.getJobSpec().getBaseOutputDirectory().getOutputUriPrefix())
        .isEqualTo("gs://tf-artifacts/trainflow/run-17/attempt-2/");
    // the job trains exactly the request the activity received
    assertThat(VertexJson.read(gcs.object(BUCKET, "trainflow/runs/17/vertex/attempt-2/request.json"), TrainingRequest.class))
        .isEqualTo(request);
    assertThat(VertexJson.read(gcs.object(BUCKET, "trainflow/runs/17/vertex/job.json"), VertexJobRecord.class))
        .isEqualTo(new VertexJobRecord(2, PARENT + "/customJobs/1001"));
    assertThat(vertex.gets).hasSize(4).containsOnly(PARENT + "/customJobs/1001");
    assertThat(vertex.cancels).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "NVIDIA_L4, g2-standard-24",
    "NVIDIA_TESLA_V100, n1-standard-16",
    "NVIDIA_TESLA_A100, a2-highgpu-1g",
  })
  void shouldPutEachGpuOnTheSeedsMachineOnDemand(String gpu, String machine) {
    trainerSucceeds(1);

    activities.train(request(1, new GpuConfig(gpu, 1, null, false), null));

    CustomJob job = vertex.creates.get(0).getCustomJob();
    assertThat(job.getJobSpec().getWorkerPoolSpecs(0).getMachineSpec().getMachineType()).isEqualTo(machine);
    assertThat(job.getJobSpec().getWorkerPoolSpecs(0).getMachineSpec().getAcceleratorType().name()).isEqualTo(gpu);
    assertThat(job.getJobSpec().hasScheduling()).isFalse(); // on demand, no timeout
  }

  @Test
  void shouldRunACpuAttemptWithoutAnAccelerator() {
    trainerSucceeds(1);

    activities.train(request(1, GpuConfig.cpu(), null));

    WorkerPoolSpec pool = vertex.creates.get(0).getCustomJob().getJobSpec().getWorkerPoolSpecs(0);
    assertThat(pool.getMachineSpec().getMachineType()).isEqualTo("n1-standard-4");
    assertThat(pool.getMachineSpec().getAcceleratorCount()).isZero();
    assertThat(pool.getMachineSpec().getAcceleratorType()).isEqualTo(AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED);
  }

  private ApplicationFailure failureOf(TrainingRequest request) {
    return (ApplicationFailure) catchThrowableOfType(() -> activities.train(request), ActivityFailure.class).getCause();
  }

  @Test
  void shouldReportAReclaimedSpotVmAsRetryablePreemptionWithTheLastCheckpoint() {
    vertex.script(JobState.JOB_STATE_RUNNING, JobState.JOB_STATE_FAILED);
    vertex.failWith(Code.ABORTED, "The replica workerpool0-0 was preempted.");
    vertex.onState((job, state) -> {
      if (state == JobState.JOB_STATE_RUNNING) {
        store.write("runs/17/vertex/attempt-1/progress.json", VertexJson.write(new TrainingHeartbeat(3, 40, "gs://x/ckpt-3", 3, 1.5)));
      }
    });

    ApplicationFailure failure = failureOf(request(1, new GpuConfig("NVIDIA_TESLA_T4", 1, null, true), null));

    assertThat(failure.getType()).isEqualTo("preempted");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains(PARENT + "/customJobs/1001").contains("preempted");
    assertThat(failure.getDetails().get(TrainingHeartbeat.class).lastCheckpointUri()).isEqualTo("gs://x/ckpt-3");
  }

  @Test
  void shouldAnswerWithTheTrainersOwnReasonWhenItStoppedItself() {
    vertex.script(JobState.JOB_STATE_RUNNING, JobState.JOB_STATE_FAILED);
    vertex.failWith(Code.INVALID_ARGUMENT, "The replica workerpool0-0 exited with a non-zero status of 3.");
    vertex.onState((job, state) -> {
      if (state == JobState.JOB_STATE_FAILED) {
        store.write("runs/17/vertex/attempt-1/failure.json",
            VertexJson.write(new TrainerFailure("out_of_memory", "OOM in epoch 4 at batch 8192", new TrainingHeartbeat(4, 0, "gs://x/ckpt-3"))));
      }
    });

    ApplicationFailure failure = failureOf(request(1, new GpuConfig("NVIDIA_TESLA_T4", 1, null, false), null));

    assertThat(failure.getType()).isEqualTo("out_of_memory");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("OOM in epoch 4");
    assertThat(failure.getDetails().get(TrainingHeartbeat.class).lastCheckpointUri()).isEqualTo("gs://x/ckpt-3");
  }

  @Test
  void shouldRetryATrainerThatDiedWithoutSayingWhy() {
    vertex.script(JobState.JOB_STATE_FAILED);
    vertex.failWith(Code.INVALID_ARGUMENT, "The replica workerpool0-0 exited with a non-zero status of 137.");

    ApplicationFailure failure = failureOf(request(1, GpuConfig.cpu(), null));

    assertThat(failure.getType()).isEqualTo("internal");
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "RESOURCE_EXHAUSTED, gpu_unavailable, true",
    "INVALID_ARGUMENT, invalid_config, true",
    "PERMISSION_DENIED, invalid_config, true",
    "UNAVAILABLE, transient_io, false",
  })
  void shouldMapACreateRefusedByVertexToTheTaxonomy(String code, String type, boolean nonRetryable) {
    vertex.refuseCreate(Status.fromCodeValue(Code.valueOf(code).getNumber()).withDescription("refused by the fake"));

    ApplicationFailure failure = failureOf(request(1, new GpuConfig("NVIDIA_TESLA_A100", 1, null, false), null));

    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.isNonRetryable()).isEqualTo(nonRetryable);
    assertThat(failure.getOriginalMessage()).contains("trainflow-run-17-attempt-1").contains(code).contains("refused by the fake");
    assertThat(vertex.gets).isEmpty();
  }

  @Test
  void shouldMapAJobThatFailedForQuotaToGpuUnavailable() {
    vertex.script(JobState.JOB_STATE_PENDING, JobState.JOB_STATE_FAILED);
    vertex.failWith(Code.RESOURCE_EXHAUSTED, "Quota exceeded for aiplatform.googleapis.com/custom_model_training_nvidia_a100_gpus");

    ApplicationFailure failure = failureOf(request(1, new GpuConfig("NVIDIA_TESLA_A100", 1, null, false), null));

    assertThat(failure.getType()).isEqualTo("gpu_unavailable");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("Quota exceeded").contains("request quota");
  }

  @Test
  void shouldReportAJobCancelledOutsideTheRunAsCancelled() {
    vertex.script(JobState.JOB_STATE_RUNNING, JobState.JOB_STATE_CANCELLED);

    ApplicationFailure failure = failureOf(request(1, GpuConfig.cpu(), null));

    assertThat(failure.getType()).isEqualTo("cancelled");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void shouldCancelTheJobWhenTheRunIsCancelled() {
    vertex.script(JobState.JOB_STATE_RUNNING);
    vertex.onState((job, state) -> env.requestCancelActivity());

    // the test environment reports the activity's cancellation as the workflow would see it
    assertThat(catchThrowableOfType(() -> activities.train(request(1, GpuConfig.cpu(), null)), CanceledFailure.class))
        .isNotNull();
    assertThat(vertex.cancels).containsExactly(PARENT + "/customJobs/1001");
  }

  @Test
  void shouldFailFastBeforeCreatingAJobWhenTheGpuOrTheBucketCannotWork() {
    ApplicationFailure notInRegion = failureOf(request(1, new GpuConfig("NVIDIA_H200_141GB", 1, "a3-highgpu-8g", false), null));
    assertThat(notInRegion.getType()).isEqualTo("gpu_unavailable");
    assertThat(notInRegion.getOriginalMessage()).contains("NVIDIA_H200_141GB is not offered").contains("us-central1");

    ApplicationFailure wrongMachine = failureOf(request(1, new GpuConfig("NVIDIA_L4", 1, "n1-standard-8", false), null));
    assertThat(wrongMachine.getType()).isEqualTo("gpu_unavailable");
    assertThat(wrongMachine.getOriginalMessage()).contains("n1-standard-8 cannot carry NVIDIA_L4");

    activities = activitiesWith(settings("gs://eu-staging/jobs"));
    ApplicationFailure elsewhere = failureOf(request(1, GpuConfig.cpu(), null));
    assertThat(elsewhere.getType()).isEqualTo("invalid_config");
    assertThat(elsewhere.getOriginalMessage())
        .contains("gs://eu-staging/jobs is in europe-west4 but Vertex AI jobs run in us-central1");

    activities = activitiesWith(settings("gs://no-such-bucket"));
    assertThat(failureOf(request(1, GpuConfig.cpu(), null)).getOriginalMessage()).contains("gs://no-such-bucket does not exist");
    assertThat(vertex.creates).isEmpty();
  }

  @Test
  void shouldPollTheJobItAlreadyHasWhenTheSameAttemptRestarts() {
    String existing = vertex.existing(PARENT, JobState.JOB_STATE_SUCCEEDED);
    store.write("runs/17/vertex/job.json", VertexJson.write(new VertexJobRecord(3, existing)));
    store.write("runs/17/vertex/attempt-3/result.json", VertexJson.write(result()));

    assertThat(activities.train(request(3, GpuConfig.cpu(), null))).isEqualTo(result());
    assertThat(vertex.creates).isEmpty();
    assertThat(vertex.gets).containsOnly(existing);
  }

  @Test
  void shouldCancelTheRunningJobOfALostAttemptBeforeStartingTheNext() {
    String orphan = vertex.existing(PARENT, JobState.JOB_STATE_RUNNING);
    store.write("runs/17/vertex/job.json", VertexJson.write(new VertexJobRecord(1, orphan)));
    trainerSucceeds(2);

    activities.train(request(2, GpuConfig.cpu(), null));

    assertThat(vertex.cancels).containsExactly(orphan);
    assertThat(vertex.creates).hasSize(1);
    assertThat(vertex.creates.get(0).getCustomJob().getDisplayName()).isEqualTo("trainflow-run-17-attempt-2");
  }

  @Test
  void shouldRefuseALocalArtifactStore() {
    env.close();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new VertexTrainingActivities(
            new dev.trainflow.activities.artifacts.LocalArtifactStore(java.nio.file.Path.of("target/vertex-local")), jobs, storage,
            settings(null), () -> NOW, reports));
    TrainingActivities local =
        env.newActivityStub(TrainingActivities.class, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

    ApplicationFailure failure =
        (ApplicationFailure) catchThrowableOfType(() -> local.train(request(1, GpuConfig.cpu(), null)), ActivityFailure.class).getCause();

    assertThat(failure.getType()).isEqualTo("invalid_config");
    assertThat(failure.getOriginalMessage()).contains("ARTIFACT_ROOT=gs://bucket/prefix");
    assertThat(vertex.creates).isEmpty();
  }
}
