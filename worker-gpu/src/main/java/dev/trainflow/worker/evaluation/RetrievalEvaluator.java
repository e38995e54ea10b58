package dev.trainflow.worker.evaluation;

import dev.trainflow.worker.data.Catalog;
import dev.trainflow.worker.data.RetrievalSplit;
import dev.trainflow.worker.model.TowerInput;
import dev.trainflow.worker.model.TwoTowerModel;
import java.util.Arrays;

/**
 * Measures a model on a split: the training loss per example (in-batch softmax with the sampling
 * correction, batched in file order), and recall@K of each row's candidate among every catalog
 * candidate by plain dot product, as serving ranks.
 */
public final class RetrievalEvaluator {
  /** Scores per run, 64 MB: bounds the [rows × catalog] score matrix whatever the catalog size. */
  private static final int SCORES_PER_RUN = 16 * 1024 * 1024;
  private static final int MAX_SCORING_ROWS = 512;
  private static final int EMBEDDING_ROWS = 8192;

  private final Runnable progress;

  /** @param progress called between batches, e.g. to heartbeat; it may throw to stop the evaluation */
  public RetrievalEvaluator(Runnable progress) {
    this.progress = progress;
  }

  public RetrievalMetrics evaluate(TwoTowerModel model, RetrievalSplit split, Catalog catalog, int batchSize) {
    double lossSum = 0;
    for (int from = 0; from < split.size(); from += batchSize) {
      int to = Math.min(split.size(), from + batchSize);
      lossSum +=
          model.loss(
              split.queries().range(from, to),
              split.candidates().range(from, to),
              Arrays.copyOfRange(split.logSamplingProbabilities(), from, to));
      progress.run();
    }
    float[] candidateEmbeddings = catalogEmbeddings(model, catalog);
    RecallCounter recall = new RecallCounter();
    int catalogSize = catalog.size();
    int scoringRows = Math.max(1, Math.min(MAX_SCORING_ROWS, SCORES_PER_RUN / catalogSize));
    for (int from = 0; from < split.size(); from += scoringRows) {
      int to = Math.min(split.size(), from + scoringRows);
      float[] scores = model.scores(split.queries().range(from, to), candidateEmbeddings);
      for (int row = from; row < to; row++) {
        recall.add(scores, (row - from) * catalogSize, catalogSize, split.catalogPositions()[row]);
      }
      progress.run();
    }
    Double loss = split.size() == 0 ? null : lossSum / split.size();
    return recall.metrics(loss);
  }

  private float[] catalogEmbeddings(TwoTowerModel model, Catalog catalog) {
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
