package dev.trainflow.activities.drift;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.activities.data.DatasetMaterializer;
import dev.trainflow.activities.data.MaterializedDataset;
import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.StoredDataset;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.workflows.spec.DriftSpec;
import java.util.List;

/**
 * A dataset as it reads now against a reference: the training split a run wrote (by default the
 * run of the currently registered model trained on the dataset), or another dataset.
 */
public final class DriftCheck {
  private final DatasetRepository datasets;
  private final TrainingRunRepository runs;
  private final DriftReferenceQuery references;
  private final ArtifactStore store;
  private final DatasetMaterializer materializer;

  public DriftCheck(
      DatasetRepository datasets,
      TrainingRunRepository runs,
      DriftReferenceQuery references,
      ArtifactStore store,
      DatasetMaterializer materializer) {
    this.datasets = datasets;
    this.runs = runs;
    this.references = references;
    this.store = store;
    this.materializer = materializer;
  }

  /** @throws NoDriftReferenceException when the reference does not exist */
  public DriftReport check(StoredDataset dataset, DriftReference reference, DriftSpec spec) {
    MaterializedDataset current = materializer.materialize(dataset.source());
    Long runId = null;
    String described;
    CsvTable referenceTable;
    if (reference.datasetId() != null) {
      StoredDataset other =
          datasets.find(reference.datasetId())
              .orElseThrow(() -> new NoDriftReferenceException("reference_dataset_id", "dataset " + reference.datasetId() + " does not exist"));
      referenceTable = materializer.materialize(other.source()).table();
      described = "dataset " + other.id() + " (" + other.name() + ")";
    } else {
      runId = referenceRun(dataset.id(), reference);
      referenceTable = trainSplit(runId);
      described = "training split of run " + runId;
    }
    List<FeatureDrift> features = DriftDetector.compare(referenceTable, current.table(), current.types(), spec);
    List<String> drifted = features.stream().filter(FeatureDrift::drifted).map(FeatureDrift::feature).toList();
    return new DriftReport(
        dataset.id(), described, runId, referenceTable.size(), current.rows(), !drifted.isEmpty(), drifted, features);
  }

  private long referenceRun(long datasetId, DriftReference reference) {
    if (reference.runId() != null) {
      runs.find(reference.runId())
          .orElseThrow(() -> new NoDriftReferenceException("reference_run_id", "training run " + reference.runId() + " does not exist"));
      return reference.runId();
    }
    if (reference.datasetVersion() != null) {
      return references.runOfVersion(datasetId, reference.datasetVersion())
          .orElseThrow(() -> new NoDriftReferenceException("reference_version",
              "no run read version " + reference.datasetVersion() + " of dataset " + datasetId + ", so its rows are not kept"));
    }
    return references.registeredModelRun(datasetId)
        .orElseThrow(() -> new NoDriftReferenceException("reference_run_id",
            "no registered model was trained on dataset " + datasetId
                + "; name a reference: reference_run_id, reference_version or reference_dataset_id"));
  }

  private CsvTable trainSplit(long runId) {
    StoredRun run = runs.find(runId).orElseThrow();
    String uri = run.artifacts() == null ? null : run.artifacts().get("examples_train");
    if (uri == null || !store.exists(uri)) {
      throw new NoDriftReferenceException("reference_run_id", "training run " + runId + " has no training split");
    }
    return CsvTable.parse(store.read(uri));
  }
}
