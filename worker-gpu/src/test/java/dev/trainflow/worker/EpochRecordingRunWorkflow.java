package dev.trainflow.worker;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingStart;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A stand-in run workflow that ends once it has received two epochs, answering with the last. */
public class EpochRecordingRunWorkflow implements TrainingRunWorkflow {
  private final List<EpochMetrics> epochs = new ArrayList<>();
  private final List<TrainingStart> starts = new ArrayList<>();

  @Override
  public RunProgress run(TrainingRunInput input) {
    Workflow.await(() -> epochs.size() >= 2);
    return progress();
  }

  @Override
  public void cancel(String reason) {}

  @Override
  public void pushAnyway(String reason) {}

  @Override
  public void reportEpoch(EpochMetrics metrics) {
    epochs.add(metrics);
  }

  @Override
  public RunProgress progress() {
    EpochMetrics latest = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    return new RunProgress(
        0, null, null, List.of(), latest == null ? 0 : latest.epoch(), 2, 0, latest, null, null, null, null, null,
        Map.of(), null, null, null, null, null, null, null);
  }

  @Override
  public void reportTrainingStarted(TrainingStart start) {
    starts.add(start);
  }

  @Override
  public void reportFold(dev.trainflow.workflows.activities.FoldReport report) {}

  @Override
  public boolean trainingStopRequested() {
    return false;
  }
}
