package dev.trainflow.activities.records;

import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.RunProjection;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.RunRecordActivities;
import dev.trainflow.workflows.run.RunProgress;
import java.util.List;

public class RunRecordActivitiesImpl implements RunRecordActivities {
  private final RunProjection projection;
  private final DatasetRepository datasets;

  public RunRecordActivitiesImpl(RunProjection projection, DatasetRepository datasets) {
    this.projection = projection;
    this.datasets = datasets;
  }

  @Override
  public void projectRun(RunProgress progress) {
    projection.project(progress);
  }

  @Override
  public void recordEpochs(RunProgress progress, List<EpochMetrics> epochs) {
    projection.projectWithEpochs(progress, epochs);
  }

  @Override
  public int recordDatasetVersion(long datasetId, String checksum, long rows) {
    return datasets.recordVersion(datasetId, checksum, rows);
  }
}
