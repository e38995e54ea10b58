package dev.trainflow.activities.vertex;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.aiplatform.v1.CustomJob;
import com.google.cloud.aiplatform.v1.JobServiceClient;
import com.google.cloud.aiplatform.v1.JobState;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.protobuf.util.Timestamps;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.artifacts.GcsLocation;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.activities.TrainingStart;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training activity on Vertex AI ({@code TRAINING_BACKEND=vertex}): the same contract as the
 * local GPU worker's, so the workflow does not know where training runs. One attempt is one custom
 * job: the activity writes the request to the artifact store, runs the pre-flight, creates the job,
 * polls it (heartbeating the trainer's last checkpoint, so a retry resumes from it), cancels it when
 * the run is cancelled, and reads the trainer's result, or the reason it stopped, back from the
 * store.
 */
public final class VertexTrainingActivities implements TrainingActivities {
  private static final Logger log = LoggerFactory.getLogger(VertexTrainingActivities.class);
  private static final Set<JobState> ENDED =
      EnumSet.of(JobState.JOB_STATE_SUCCEEDED, JobState.JOB_STATE_FAILED, JobState.JOB_STATE_CANCELLED,
          JobState.JOB_STATE_EXPIRED, JobState.JOB_STATE_PARTIALLY_SUCCEEDED);

  private final ArtifactStore store;
  private final JobServiceClient jobs;
  private final Storage storage;
  private final VertexSettings settings;
  private final LongSupplier clock;
  private final TrainingReports reports;

  /**
   * @param store the run artifacts; must be a gs:// store, since the job reads and writes them
   * @param storage the Cloud Storage client, to look up the staging bucket's region
   * @param reports where the trainer's start and epochs are relayed (the run workflow's signals)
   */
  public VertexTrainingActivities(
      ArtifactStore store,
      JobServiceClient jobs,
      Storage storage,
      VertexSettings settings,
      LongSupplier clock,
      TrainingReports reports) {
    this.store = store;
    this.jobs = jobs;
    this.storage = storage;
    this.settings = settings;
    this.clock = clock;
    this.reports = reports;
  }

  @Override
  public TrainingResult train(TrainingRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    String artifactRoot = store.uriOf("");
    if (!GcsLocation.isGcs(artifactRoot)) {
      throw TrainingFailures.invalidConfig(
          "TRAINING_BACKEND=vertex needs ARTIFACT_ROOT=gs://bucket/prefix (the job reads and writes the run's artifacts"
              + " there), but the artifact store is " + artifactRoot);
    }
    if (settings.trainerImage() == null) {
      throw TrainingFailures.invalidConfig("TRAINER_IMAGE is required with TRAINING_BACKEND=vertex: the GPU worker image the job runs");
    }
    String staging = settings.stagingBucket() != null ? settings.stagingBucket() : "gs://" + GcsLocation.parse(artifactRoot).bucket();
    GpuAvailability.check(request.effectiveCapacity().withDefaults(), settings.region(), staging, bucketLocation(staging));

    VertexJobFiles files = VertexJobFiles.of(request);
    String jobName = jobFor(request, files, staging, artifactRoot);
    return await(context, request, files, jobName);
  }

  /** The job of this attempt: the one already recorded (a restarted activity), else a new one. */
  private String jobFor(TrainingRequest request, VertexJobFiles files, String staging, String artifactRoot) {
    int attempt = VertexJobFiles.attempt(request);
    String recordPath = VertexJobFiles.jobRecord(request);
    if (store.exists(recordPath)) {
      VertexJobRecord previous = VertexJson.read(store.read(recordPath), VertexJobRecord.class);
      if (previous.attempt() == attempt) {
        log.info("training attempt {} of run {} polls its existing Vertex AI job {}", attempt, request.run().runId(), previous.jobName());
        return previous.jobName();
      }
      CustomJob orphan = get(previous.jobName());
      if (!ENDED.contains(orphan.getState())) {
        log.info("cancelling Vertex AI job {} of the lost attempt {}", previous.jobName(), previous.attempt());
        cancel(previous.jobName());
      }
    }
    store.write(files.request(), VertexJson.write(request));
    CustomJob job =
        CustomJobs.build(request, settings, staging, artifactRoot, files, clock.getAsLong());
    CustomJob created;
    try {
      created = jobs.createCustomJob(settings.parent(), job);
    } catch (ApiException e) {
      throw VertexJobFailures.fromCall("cannot create the Vertex AI job " + job.getDisplayName(), e);
    }
    store.write(recordPath, VertexJson.write(new VertexJobRecord(attempt, created.getName())));
    log.info("training attempt {} of run {} is Vertex AI job {}", attempt, request.run().runId(), created.getName());
    return created.getName();
  }

  private TrainingResult await(ActivityExecutionContext context, TrainingRequest request, VertexJobFiles files, String jobName) {
    boolean startReported = false;
    int epochsReported = 0;
    while (true) {
      CustomJob job = get(jobName);
      TrainingHeartbeat progress = progress(request, files);
      if (!startReported && job.hasStartTime() && request.attempt() != null) {
        // the job's VM is up: the queue delay ends here, not when the activity started
        reports.started(request.workflowId(), new TrainingStart(request.attempt(), "vertex:" + jobName,
            Timestamps.toMillis(job.getStartTime()), request.resumeFromCheckpointUri()));
        startReported = true;
      }
      epochsReported = relayEpochs(request, files, epochsReported);
      if (job.getState() == JobState.JOB_STATE_SUCCEEDED) {
        if (!store.exists(files.result())) {
          throw TrainingFailures.withDetails(
              FailureReason.INTERNAL, "Vertex AI job " + jobName + " succeeded but wrote no result at " + store.uriOf(files.result()), progress);
        }
        return VertexJson.read(store.read(files.result()), TrainingResult.class);
      }
      if (ENDED.contains(job.getState())) {
        throw failure(job, files, progress);
      }
      try {
        context.heartbeat(progress);
      } catch (ActivityCanceledException cancelled) {
        // the run was cancelled: stop paying for the GPU before reporting the cancellation
        cancel(jobName);
        throw cancelled;
      }
      sleep();
    }
  }

  /** The trainer's own account of why it stopped, else what Vertex AI says; with the last checkpoint. */
  private ApplicationFailure failure(CustomJob job, VertexJobFiles files, TrainingHeartbeat progress) {
    if (job.getState() != JobState.JOB_STATE_CANCELLED && store.exists(files.failure())) {
      TrainerFailure stopped = VertexJson.read(store.read(files.failure()), TrainerFailure.class);
      return TrainingFailures.withDetails(
          FailureReason.fromType(stopped.type()),
          "Vertex AI job " + job.getName() + ": " + stopped.message(),
          stopped.heartbeat() != null ? stopped.heartbeat() : progress);
    }
    ApplicationFailure failure = VertexJobFailures.fromJob(job);
    return TrainingFailures.withDetails(FailureReason.fromType(failure.getType()), failure.getOriginalMessage(), progress);
  }

  /** Relays the epochs the trainer finished since the last poll; returns how many are relayed. */
  private int relayEpochs(TrainingRequest request, VertexJobFiles files, int alreadyReported) {
    if (!store.exists(files.epochs())) {
      return alreadyReported;
    }
    EpochMetrics[] epochs = VertexJson.read(store.read(files.epochs()), EpochMetrics[].class);
    for (int i = alreadyReported; i < epochs.length; i++) {
      reports.epoch(request.workflowId(), epochs[i]);
    }
    return Math.max(alreadyReported, epochs.length);
  }

  private TrainingHeartbeat progress(TrainingRequest request, VertexJobFiles files) {
    if (store.exists(files.progress())) {
      return VertexJson.read(store.read(files.progress()), TrainingHeartbeat.class);
    }
    return new TrainingHeartbeat(0, 0, request.resumeFromCheckpointUri());
  }

  private CustomJob get(String jobName) {
    try {
      return jobs.getCustomJob(jobName);
    } catch (ApiException e) {
      throw VertexJobFailures.fromCall("cannot read Vertex AI job " + jobName, e);
    }
  }

  private void cancel(String jobName) {
    try {
      jobs.cancelCustomJob(jobName);
    } catch (ApiException e) {
      // a job that already ended cannot be cancelled: nothing left to pay for
      log.warn("cannot cancel Vertex AI job {}: {}", jobName, e.getStatusCode().getCode());
    }
  }

  private String bucketLocation(String gsUri) {
    String bucket = GcsLocation.parse(gsUri).bucket();
    try {
      Bucket found = storage.get(bucket);
      if (found == null) {
        throw TrainingFailures.invalidConfig("the staging bucket " + gsUri + " does not exist (VERTEX_STAGING_BUCKET or ARTIFACT_ROOT)");
      }
      return found.getLocation();
    } catch (StorageException e) {
      boolean transientError = e.getCode() >= 500 || e.getCode() == 429 || e.getCode() == 0;
      throw TrainingFailures.of(
          transientError ? FailureReason.TRANSIENT_IO : FailureReason.INVALID_CONFIG,
          "cannot look up the staging bucket " + gsUri + ": HTTP " + e.getCode()
              + (transientError ? "" : " (the credentials need storage.buckets.get on it)"),
          e);
    }
  }

  private void sleep() {
    try {
      Thread.sleep(settings.pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TrainingFailures.of(FailureReason.WORKER_LOST, "interrupted while polling the Vertex AI job");
    }
  }
}
