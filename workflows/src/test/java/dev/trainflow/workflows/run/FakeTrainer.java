package dev.trainflow.workflows.run;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A trainer that reports epochs to the workflow like the real one, and can be told to hang in an
 * epoch until it is cancelled.
 */
class FakeTrainer implements TrainingActivities {
  private final WorkflowClient client;
  final CountDownLatch started = new CountDownLatch(1);
  volatile int hangAtEpoch = -1;
  volatile boolean sawCancellation;

  FakeTrainer(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public TrainingResult train(TrainingRequest request) {
    started.countDown();
    int epochs = request.run().trainingParams().epochs();
    TrainingRunWorkflow run = client.newWorkflowStub(TrainingRunWorkflow.class, request.workflowId());
    try {
      for (int epoch = 1; epoch <= epochs; epoch++) {
        if (epoch == hangAtEpoch) {
          hangUntilCancelled(epoch);
        }
        run.reportEpoch(new EpochMetrics(epoch, 10.0 / epoch, 11.0 / epoch, 0.1, 0.2, 0.3, 0.1 * epoch, 0.1, 1000, 1));
        Activity.getExecutionContext().heartbeat(new TrainingHeartbeat(epoch, 0, null));
      }
    } catch (ActivityCompletionException e) {
      // a cancellation may land on any heartbeat, not only while hanging
      sawCancellation = true;
      throw e;
    }
    EpochMetrics last = new EpochMetrics(epochs, 1, 1.0, 0.1, 0.2, 0.3, 0.4, 0.1, 1000, 1);
    return new TrainingResult("file:/model", epochs, last, "file:/checkpoints/" + epochs, 1.0, "fake");
  }

  private void hangUntilCancelled(int epoch) {
    try {
      for (int i = 0; i < 600; i++) {
        Activity.getExecutionContext().heartbeat(new TrainingHeartbeat(epoch, i, null));
        TimeUnit.MILLISECONDS.sleep(100);
      }
      throw new IllegalStateException("never cancelled");
    } catch (ActivityCompletionException e) {
      sawCancellation = true;
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
