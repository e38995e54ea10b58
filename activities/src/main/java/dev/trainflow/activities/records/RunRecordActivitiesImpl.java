package dev.trainflow.activities.records;

import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.RunProjection;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.RunRecordActivities;
import dev.trainflow.workflows.run.RunProgress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class RunRecordActivitiesImpl implements RunRecordActivities {
  private static final Logger log = LoggerFactory.getLogger(RunRecordActivitiesImpl.class);

  private final RunProjection projection;
  private final DatasetRepository datasets;
  private final RunBeforeProjectionQuery runs;
  private final List<RunProgressListener> listeners;

  public RunRecordActivitiesImpl(RunProjection projection, DatasetRepository datasets) {
    this(projection, datasets, null, List.of());
  }

  /** @param listeners told about each projection (metrics, audit), with the run's row before it */
  public RunRecordActivitiesImpl(
      RunProjection projection,
      DatasetRepository datasets,
      RunBeforeProjectionQuery runs,
      List<RunProgressListener> listeners) {
    this.projection = projection;
    this.datasets = datasets;
    this.runs = runs;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void projectRun(RunProgress progress) {
    RunBeforeProjection previous = previous(progress);
    beforeProjection(previous, progress);
    projection.project(progress);
    notifyProjected(previous, progress, List.of());
  }

  @Override
  public void recordEpochs(RunProgress progress, List<EpochMetrics> epochs) {
    RunBeforeProjection previous = previous(progress);
    beforeProjection(previous, progress);
    projection.projectWithEpochs(progress, epochs);
    notifyProjected(previous, progress, epochs);
  }

  @Override
  public int recordDatasetVersion(long datasetId, String checksum, long rows) {
    return datasets.recordVersion(datasetId, checksum, rows);
  }

  private RunBeforeProjection previous(RunProgress progress) {
    return listeners.isEmpty() ? null : runs.find(progress.runId()).orElse(null);
  }

  /** A run deleted while its workflow still projects has no row to compare with: nothing to tell. */
  private void beforeProjection(RunBeforeProjection previous, RunProgress progress) {
    if (previous != null) {
      listeners.forEach(l -> l.beforeProjection(previous, progress));
    }
  }

  private void notifyProjected(RunBeforeProjection previous, RunProgress progress, List<EpochMetrics> epochs) {
    if (previous == null) {
      return;
    }
    for (RunProgressListener listener : listeners) {
      try {
        listener.afterProjection(previous, progress, epochs);
      } catch (RuntimeException e) {
        log.warn("run {}: {} ignored a projection: {}", progress.runId(), listener.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
