package dev.trainflow.worker;

import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class TrainOnceWorkflowImpl implements TrainOnceWorkflow {
  private final List<EpochMetrics> epochs = new ArrayList<>();
  private final TrainingActivities training =
      Workflow.newActivityStub(
          TrainingActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TaskQueues.GPU)
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
              .build());

  @Override
  public List<EpochMetrics> train(TrainingRequest request) {
    TrainingResult result = training.train(request);
    // signals sent before the activity completed may still be on their way
    Workflow.await(() -> epochs.size() >= result.epochsCompleted());
    return epochs;
  }

  @Override
  public void reportEpoch(EpochMetrics metrics) {
    epochs.add(metrics);
  }
}
