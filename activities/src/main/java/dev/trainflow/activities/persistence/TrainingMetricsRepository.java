package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_METRICS_HISTORY;
import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_RUN;

import dev.trainflow.workflows.activities.EpochMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * {@code training_metrics_history}: one {@code validation} row per epoch, reported while training,
 * and one {@code test} row for the final model, written when the run is evaluated.
 */
public class TrainingMetricsRepository {
  static final String VALIDATION = "validation";
  static final String TEST = "test";
  private final DSLContext db;

  public TrainingMetricsRepository(DSLContext db) {
    this.db = db;
  }

  /** One row per (run, epoch): a repeated report of an epoch replaces the earlier one. */
  public void upsert(long runId, List<EpochMetrics> epochs) {
    upsert(db, runId, epochs);
  }

  static void upsert(DSLContext db, long runId, List<EpochMetrics> epochs) {
    for (EpochMetrics m : epochs) {
      Map<Field<?>, Object> values = new LinkedHashMap<>();
      values.put(TRAINING_METRICS_HISTORY.RMSE, m.rmse());
      values.put(TRAINING_METRICS_HISTORY.MAE, m.mae());
      values.put(TRAINING_METRICS_HISTORY.TRAIN_LOSS, m.trainLoss());
      values.put(TRAINING_METRICS_HISTORY.VALIDATION_LOSS, m.validationLoss());
      values.put(TRAINING_METRICS_HISTORY.RECALL_AT_5, m.recallAt5());
      values.put(TRAINING_METRICS_HISTORY.RECALL_AT_10, m.recallAt10());
      values.put(TRAINING_METRICS_HISTORY.RECALL_AT_50, m.recallAt50());
      values.put(TRAINING_METRICS_HISTORY.RECALL_AT_100, m.recallAt100());
      values.put(TRAINING_METRICS_HISTORY.LEARNING_RATE, m.learningRate());
      values.put(TRAINING_METRICS_HISTORY.EXAMPLES_PER_SECOND, m.examplesPerSecond());
      values.put(TRAINING_METRICS_HISTORY.EPOCH_SECONDS, m.seconds());
      db.insertInto(TRAINING_METRICS_HISTORY)
          .set(TRAINING_METRICS_HISTORY.TRAINING_RUN_ID, runId)
          .set(TRAINING_METRICS_HISTORY.SPLIT, VALIDATION)
          .set(TRAINING_METRICS_HISTORY.EPOCH, m.epoch())
          .set(values)
          .onConflict(
              TRAINING_METRICS_HISTORY.TRAINING_RUN_ID, TRAINING_METRICS_HISTORY.SPLIT, TRAINING_METRICS_HISTORY.EPOCH)
          .doUpdate()
          .set(values)
          .execute();
    }
  }

  /**
   * Training throughput (examples/s) of the most recent epochs of completed runs, on GPUs or on
   * CPUs: what an estimate for a new run can expect.
   */
  public List<Double> recentThroughput(boolean onGpu, int epochs) {
    var gpuCount = DSL.field("coalesce(({0} ->> 'gpu_count')::int, 0)", Integer.class, TRAINING_RUN.GPU_CONFIG);
    return db.select(TRAINING_METRICS_HISTORY.EXAMPLES_PER_SECOND)
        .from(TRAINING_METRICS_HISTORY)
        .join(TRAINING_RUN)
        .on(TRAINING_RUN.ID.eq(TRAINING_METRICS_HISTORY.TRAINING_RUN_ID))
        .where(TRAINING_RUN.STATUS.eq("completed"))
        .and(onGpu ? gpuCount.gt(0) : gpuCount.eq(0))
        .and(TRAINING_METRICS_HISTORY.EXAMPLES_PER_SECOND.gt(0.0))
        .orderBy(TRAINING_METRICS_HISTORY.RECORDED_AT.desc())
        .limit(epochs)
        .fetch(TRAINING_METRICS_HISTORY.EXAMPLES_PER_SECOND);
  }

  /** The run's one test-split row; a new evaluation of the run replaces it. */
  static void upsertTest(DSLContext db, long runId, TestSplitMetrics m) {
    Map<Field<?>, Object> values = new LinkedHashMap<>();
    values.put(TRAINING_METRICS_HISTORY.EPOCH, m.epoch());
    values.put(TRAINING_METRICS_HISTORY.TEST_LOSS, m.loss());
    values.put(TRAINING_METRICS_HISTORY.RECALL_AT_5, m.recallAt5());
    values.put(TRAINING_METRICS_HISTORY.RECALL_AT_10, m.recallAt10());
    values.put(TRAINING_METRICS_HISTORY.RECALL_AT_50, m.recallAt50());
    values.put(TRAINING_METRICS_HISTORY.RECALL_AT_100, m.recallAt100());
    values.put(TRAINING_METRICS_HISTORY.RMSE, m.rmse());
    values.put(TRAINING_METRICS_HISTORY.MAE, m.mae());
    db.transaction(
        tx -> {
          // one test row per run, whichever epoch the model came from
          tx.dsl()
              .deleteFrom(TRAINING_METRICS_HISTORY)
              .where(TRAINING_METRICS_HISTORY.TRAINING_RUN_ID.eq(runId))
              .and(TRAINING_METRICS_HISTORY.SPLIT.eq(TEST))
              .and(TRAINING_METRICS_HISTORY.EPOCH.ne(m.epoch()))
              .execute();
          tx.dsl()
              .insertInto(TRAINING_METRICS_HISTORY)
              .set(TRAINING_METRICS_HISTORY.TRAINING_RUN_ID, runId)
              .set(TRAINING_METRICS_HISTORY.SPLIT, TEST)
              .set(values)
              .onConflict(
                  TRAINING_METRICS_HISTORY.TRAINING_RUN_ID, TRAINING_METRICS_HISTORY.SPLIT, TRAINING_METRICS_HISTORY.EPOCH)
              .doUpdate()
              .set(values)
              .execute();
        });
  }

  /** The final model's test-split row, once the run was evaluated. */
  public Optional<TestSplitMetrics> testMetrics(long runId) {
    return db.selectFrom(TRAINING_METRICS_HISTORY)
        .where(TRAINING_METRICS_HISTORY.TRAINING_RUN_ID.eq(runId))
        .and(TRAINING_METRICS_HISTORY.SPLIT.eq(TEST))
        .fetchOptional(
            r ->
                new TestSplitMetrics(
                    r.getEpoch(), r.getTestLoss(), r.getRecallAt_5(), r.getRecallAt_10(), r.getRecallAt_50(),
                    r.getRecallAt_100(), r.getRmse(), r.getMae()));
  }

  /** The per-epoch validation rows, in epoch order. */
  public List<EpochMetrics> history(long runId) {
    return db.selectFrom(TRAINING_METRICS_HISTORY)
        .where(TRAINING_METRICS_HISTORY.TRAINING_RUN_ID.eq(runId))
        .and(TRAINING_METRICS_HISTORY.SPLIT.eq(VALIDATION))
        .orderBy(TRAINING_METRICS_HISTORY.EPOCH)
        .fetch(
            r ->
                new EpochMetrics(
                    r.getEpoch(),
                    r.getTrainLoss() == null ? Double.NaN : r.getTrainLoss(),
                    r.getValidationLoss(),
                    r.getRecallAt_5(),
                    r.getRecallAt_10(),
                    r.getRecallAt_50(),
                    r.getRecallAt_100(),
                    r.getLearningRate() == null ? Double.NaN : r.getLearningRate(),
                    r.getExamplesPerSecond() == null ? 0 : r.getExamplesPerSecond(),
                    r.getEpochSeconds() == null ? 0 : r.getEpochSeconds(),
                    r.getRmse(),
                    r.getMae()));
  }
}
