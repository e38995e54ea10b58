package dev.trainflow.activities.pipelines;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.DatasetMaterializer;
import dev.trainflow.activities.data.MaterializedDataset;
import dev.trainflow.activities.data.Sha256;
import dev.trainflow.activities.observability.DataQualityMeters;
import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.StoredDataset;
import dev.trainflow.activities.quality.DataValidationReport;
import dev.trainflow.activities.quality.DataValidator;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.PipelineDataActivities;
import java.time.Clock;

/** A pipeline's validate_data task: the dataset's gate over the dataset as it reads now. */
public class PipelineDataActivitiesImpl implements PipelineDataActivities {
  private final DatasetRepository datasets;
  private final ArtifactStore store;
  private final DatasetMaterializer materializer;
  private final DataQualityMeters meters;
  private final Clock clock;

  public PipelineDataActivitiesImpl(
      DatasetRepository datasets, ArtifactStore store, DatasetMaterializer materializer, DataQualityMeters meters, Clock clock) {
    this.datasets = datasets;
    this.store = store;
    this.materializer = materializer;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public String validateData(long pipelineRunId, String taskId, long datasetId) {
    StoredDataset dataset =
        datasets.find(datasetId).orElseThrow(() -> TrainingFailures.invalidConfig("dataset " + datasetId + " does not exist"));
    if (dataset.source().validation() == null) {
      return "dataset " + dataset.name() + " has no data-quality gate: nothing to check";
    }
    MaterializedDataset data = materializer.materialize(dataset.source());
    DataValidationReport report =
        new DataValidator(clock.instant())
            .validate(null, Sha256.hex(data.table().toBytes()), data.table(), dataset.source().validation());
    store.write("pipeline-runs/" + pipelineRunId + "/" + taskId + "/data_validation.json", JsonCodec.toBytes(report));
    meters.record(report);
    if (!report.passed()) {
      throw TrainingFailures.dataValidation(report.failureMessage());
    }
    return "dataset " + dataset.name() + ": " + report.checks().size() + " checks passed over " + report.rows() + " rows";
  }
}
