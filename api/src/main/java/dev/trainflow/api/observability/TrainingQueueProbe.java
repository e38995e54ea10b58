package dev.trainflow.api.observability;

import dev.trainflow.activities.observability.RunningRun;
import dev.trainflow.activities.observability.TrainflowMeters;
import dev.trainflow.workflows.TaskQueues;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gpu queue as Temporal sees it, run by run: a training attempt scheduled and not yet picked
 * up by a worker is backlog (what the HPA of the gpu workers scales on); one that is started has a
 * last heartbeat, whose age says whether its worker is alive. Asks Temporal to describe only the
 * runs in their Train stage, so the cost follows the number of trainings, not of runs.
 */
final class TrainingQueueProbe {
  /** The activity type of {@code TrainingActivities.train}. */
  static final String TRAIN_ACTIVITY = "Train";

  private final WorkflowClient client;
  private final Clock clock;
  private final AtomicInteger backlog = new AtomicInteger();
  private final MultiGauge heartbeatAge;
  private volatile List<Instant> heartbeats = List.of();

  TrainingQueueProbe(MeterRegistry registry, WorkflowClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    Gauge.builder(TrainflowMeters.QUEUE_BACKLOG, backlog, AtomicInteger::get)
        .description("training attempts scheduled on the task queue and not yet picked up by a worker")
        .tag(TrainflowMeters.TASK_QUEUE, TaskQueues.GPU)
        .register(registry);
    heartbeatAge = MultiGauge.builder(TrainflowMeters.RUN_HEARTBEAT_AGE).baseUnit("seconds").register(registry);
  }

  void refresh(List<RunningRun> running) {
    int scheduled = 0;
    List<MultiGauge.Row<?>> ages = new ArrayList<>();
    List<Instant> kept = new ArrayList<>();
    for (RunningRun run : running) {
      if (!"train".equals(run.currentStage()) || run.workflowId() == null) {
        continue;
      }
      for (PendingActivityInfo activity : pendingActivities(run.workflowId())) {
        if (!TRAIN_ACTIVITY.equals(activity.getActivityType().getName())) {
          continue;
        }
        if (activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED) {
          scheduled++;
        } else if (activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
          Instant last = activity.hasLastHeartbeatTime()
              ? seconds(activity.getLastHeartbeatTime())
              : seconds(activity.getLastStartedTime());
          kept.add(last);
          ages.add(MultiGauge.Row.of(
              Tags.of(TrainflowMeters.RUN_ID, Long.toString(run.id()), TrainflowMeters.ML_MODEL, run.mlModelName()),
              last,
              at -> Math.max(0, (clock.millis() - at.toEpochMilli()) / 1000.0)));
        }
      }
    }
    heartbeats = kept;
    backlog.set(scheduled);
    heartbeatAge.register(ages, true);
  }

  private List<PendingActivityInfo> pendingActivities(String workflowId) {
    try {
      return client
          .getWorkflowServiceStubs()
          .blockingStub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                  .build())
          .getPendingActivitiesList();
    } catch (RuntimeException e) {
      // the workflow ended between the database read and this call, or Temporal is unreachable:
      // the next refresh sees it again
      return List.of();
    }
  }

  private static Instant seconds(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
