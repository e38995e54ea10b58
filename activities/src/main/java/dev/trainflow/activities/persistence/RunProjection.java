package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.run.RunProgress;
import java.util.List;
import org.jooq.DSLContext;

/** Writes the workflow's view of a run into {@code training_run} and its metrics history. */
public class RunProjection {
  private final DSLContext db;

  public RunProjection(DSLContext db) {
    this.db = db;
  }

  public void project(RunProgress progress) {
    TrainingRunRepository.project(db, progress);
  }

  /** The epochs' rows and the run row change together or not at all. */
  public void projectWithEpochs(RunProgress progress, List<EpochMetrics> epochs) {
    db.transaction(
        tx -> {
          TrainingMetricsRepository.upsert(tx.dsl(), progress.runId(), epochs);
          TrainingRunRepository.project(tx.dsl(), progress);
        });
  }
}
