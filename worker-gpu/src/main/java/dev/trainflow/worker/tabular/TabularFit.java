package dev.trainflow.worker.tabular;

/**
 * A model trained on a whole training table, with its evaluation on a separate test table and the
 * encoder it was trained with, which makes it servable.
 *
 * @param encoder the encoder fitted on the training table: it reads rows of the table's header
 * @param label the column the model predicts
 */
public record TabularFit(TabularResult result, TabularModel model, FeatureEncoder encoder, String label) {

  /** What a server needs besides the model file: task, classes, columns and the encoder's state. */
  public TabularModelDescriptor descriptor() {
    return TabularModelDescriptor.of(result.trainer(), result.task(), label, result.classLabels(), encoder);
  }

  /** The model as it is stored and served. */
  public TabularBundle bundle() {
    return new TabularBundle(descriptor(), model.toBytes());
  }
}
