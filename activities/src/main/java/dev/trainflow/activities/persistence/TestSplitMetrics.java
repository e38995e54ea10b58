package dev.trainflow.activities.persistence;

/**
 * The final model's metrics on the test split, as the metrics history keeps them: the loss and
 * recall@K (retrieval) or RMSE and MAE (ranking); null where not measured.
 *
 * @param epoch the epoch whose weights the model holds
 */
public record TestSplitMetrics(
    int epoch,
    Double loss,
    Double recallAt5,
    Double recallAt10,
    Double recallAt50,
    Double recallAt100,
    Double rmse,
    Double mae) {}
