package dev.trainflow.worker.evaluation;

import dev.trainflow.worker.data.Catalog;
import dev.trainflow.worker.data.EncodedSplit;
import dev.trainflow.worker.model.BatchLosses;
import dev.trainflow.worker.model.TowerInput;
import dev.trainflow.worker.model.TwoTowerArchitecture;
import dev.trainflow.worker.model.TwoTowerModel;

/**
 * Measures a model on a split: the loss per example (batched in file order, the in-batch softmax
 * with the sampling correction as in training, plus the weighted squared error), RMSE and MAE of
 * the predicted label, and recall@K of each row's candidate among every catalog candidate by the
 * retrieval score, as serving ranks.
 */
public final class SplitEvaluator {
  /** Scores per run, 64 MB: bounds the [rows × catalog] score matrix whatever the catalog size. */
  private static final int SCORES_PER_RUN = 16 * 1024 * 1024;
  private static final int MAX_SCORING_ROWS = 512;
  private static final int EMBEDDING_ROWS = 8192;

  private final Runnable progress;

  /** @param progress called between batches, e.g. to heartbeat; it may throw to stop the evaluation */
  public SplitEvaluator(Runnable progress) {
    this.progress = progress;
  }

  /**
   * @param seen the train split's interactions, for the "unseen" recall; null to skip it
   */
  public SplitMetrics evaluate(TwoTowerModel model, EncodedSplit split, Catalog catalog, int batchSize, SeenCandidates seen) {
    TwoTowerArchitecture architecture = model.architecture();
    BatchLosses sums = new BatchLosses(0, 0, 0);
    for (int from = 0; from < split.size(); from += batchSize) {
      int to = Math.min(split.size(), from + batchSize);
      sums = sums.plus(model.losses(split.range(from, to)));
      progress.run();
    }
    int n = split.size();
    Double loss = n == 0 ? null : sums.weighted(architecture) / n;
    Double rmse = architecture.ranks() && n > 0 ? Math.sqrt(sums.squaredError() / n) : null;
    Double mae = architecture.ranks() && n > 0 ? sums.absoluteError() / n : null;
    if (!architecture.retrieves()) {
      return new SplitMetrics(loss, null, null, rmse, mae, n);
    }
    float[] candidateEmbeddings = catalogEmbeddings(model, catalog);
    float[] biases = model.candidateBiases();
    RecallCounter recall = new RecallCounter();
    RecallCounter recallUnseen = new RecallCounter();
    int catalogSize = catalog.size();
    int scoringRows = Math.max(1, Math.min(MAX_SCORING_ROWS, SCORES_PER_RUN / catalogSize));
    for (int from = 0; from < n; from += scoringRows) {
      int to = Math.min(n, from + scoringRows);
      float[] scores = model.scores(split.queries().range(from, to), candidateEmbeddings, biases);
      for (int row = from; row < to; row++) {
        int offset = (row - from) * catalogSize;
        int truth = split.catalogPositions()[row];
        recall.add(scores, offset, catalogSize, truth);
        if (seen != null) {
          recallUnseen.add(scores, offset, catalogSize, truth, seen.of(split.queryIds()[row]));
        }
      }
      progress.run();
    }
    return new SplitMetrics(loss, recall.recall(), seen != null ? recallUnseen.recall() : null, rmse, mae, n);
  }

  /** Every catalog candidate's embedding, row-major [catalog × dim]. */
  public float[] catalogEmbeddings(TwoTowerModel model, Catalog catalog) {
    int dim = model.architecture().embeddingDim();
    float[] embeddings = new float[catalog.size() * dim];
    TowerInput features = catalog.features();
    for (int from = 0; from < catalog.size(); from += EMBEDDING_ROWS) {
      int to = Math.min(catalog.size(), from + EMBEDDING_ROWS);
      float[] chunk = model.candidateEmbeddings(features.range(from, to));
      System.arraycopy(chunk, 0, embeddings, from * dim, chunk.length);
      progress.run();
    }
    return embeddings;
  }
}
