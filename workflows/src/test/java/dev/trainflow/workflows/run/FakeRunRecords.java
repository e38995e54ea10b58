package dev.trainflow.workflows.run;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.RunRecordActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every projection the workflow sends, in order, instead of writing PostgreSQL. */
class FakeRunRecords implements RunRecordActivities {
  final List<String> calls;
  final List<RunProgress> projections = new CopyOnWriteArrayList<>();
  final List<EpochMetrics> recordedEpochs = new CopyOnWriteArrayList<>();

  FakeRunRecords(List<String> calls) {
    this.calls = calls;
  }

  @Override
  public void projectRun(RunProgress progress) {
    projections.add(progress);
  }

  @Override
  public void recordEpochs(RunProgress progress, List<EpochMetrics> epochs) {
    recordedEpochs.addAll(epochs);
    projections.add(progress);
  }

  @Override
  public int recordDatasetVersion(long datasetId, String checksum, long rows) {
    calls.add("dataset_version");
    return 1;
  }

  RunProgress last() {
    return projections.get(projections.size() - 1);
  }
}
