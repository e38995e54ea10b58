package dev.trainflow.activities.pipelines;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.DatasetMaterializer;
import dev.trainflow.activities.data.MaterializedDataset;
import dev.trainflow.activities.data.Sha256;
import dev.trainflow.activities.drift.DriftCheck;
import dev.trainflow.activities.drift.DriftReference;
import dev.trainflow.activities.drift.DriftReport;
import dev.trainflow.activities.drift.NoDriftReferenceException;
import dev.trainflow.activities.observability.DataQualityMeters;
import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.StoredDataset;
import dev.trainflow.activities.quality.DataValidationReport;
import dev.trainflow.activities.quality.DataValidator;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.DriftVerdict;
import dev.trainflow.workflows.activities.PipelineDataActivities;
import dev.trainflow.workflows.pipeline.DriftGate;
import dev.trainflow.workflows.spec.DriftSpec;
import java.time.Clock;

/**
 * A pipeline's data tasks: validate_data (the dataset's gate over the dataset as it reads now) and
 * check_drift (the dataset against its reference).
 */
public class PipelineDataActivitiesImpl implements PipelineDataActivities {
  private final DatasetRepository datasets;
  private final ArtifactStore store;
  private final DatasetMaterializer materializer;
  private final DataQualityMeters meters;
  private final Clock clock;
  private final DriftCheck drift;

  public PipelineDataActivitiesImpl(
      DatasetRepository datasets,
      ArtifactStore store,
      DatasetMaterializer materializer,
      DataQualityMeters meters,
      Clock clock,
      DriftCheck drift) {
    this.datasets = datasets;
    this.store = store;
    this.materializer = materializer;
    this.meters = meters;
    this.clock = clock;
    this.drift = drift;
  }

  @Override
  public DriftVerdict checkDrift(long pipelineRunId, String taskId, long datasetId, DriftGate gate) {
    StoredDataset dataset =
        datasets.find(datasetId).orElseThrow(() -> TrainingFailures.invalidConfig("dataset " + datasetId + " does not exist"));
    DriftSpec spec = gate != null && gate.spec() != null ? gate.spec() : DriftSpec.defaults();
    Long referenceDataset = gate == null ? null : gate.referenceDatasetId();
    DriftReport report;
    try {
      report = drift.check(dataset, new DriftReference(null, null, referenceDataset), spec);
    } catch (NoDriftReferenceException e) {
      if (referenceDataset != null) {
        throw TrainingFailures.invalidConfig(e.getMessage());
      }
      return new DriftVerdict(true, "no reference to compare with (" + e.getMessage() + "): training needed");
    }
    store.write("pipeline-runs/" + pipelineRunId + "/" + taskId + "/drift.json", JsonCodec.toBytes(report));
    meters.record(report);
    return new DriftVerdict(
        report.drifted(),
        report.drifted()
            ? "drift against " + report.reference() + " in " + String.join(", ", report.driftedFeatures())
            : "no drift above the thresholds against " + report.reference() + " (" + report.features().size() + " features)");
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
