package dev.trainflow.worker;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingRequest;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Runs one training activity on the gpu queue and collects the epochs the trainer signals, under
 * the signal name the run workflow uses ({@code reportEpoch}).
 */
@WorkflowInterface
public interface TrainOnceWorkflow {

  @WorkflowMethod
  List<EpochMetrics> train(TrainingRequest request);

  @SignalMethod
  void reportEpoch(EpochMetrics metrics);
}
