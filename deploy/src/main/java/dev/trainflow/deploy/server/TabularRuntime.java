package dev.trainflow.deploy.server;

import dev.trainflow.worker.tabular.TabularFeature;
import dev.trainflow.worker.tabular.TabularInputException;
import dev.trainflow.worker.tabular.TabularModelDescriptor;
import dev.trainflow.worker.tabular.TabularPrediction;
import dev.trainflow.worker.tabular.TabularPredictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Signature;
import org.tensorflow.proto.DataType;

/**
 * A tabular model bundle ({@code tabular_model.json} beside an XGBoost or Smile model file) served
 * through one signature, {@code serving_default}: an input per feature column, DT_DOUBLE for a
 * numeric one (null: missing) and DT_STRING for a categorical one. Classification answers {@code
 * probabilities} (in class-label order), {@code classes} (the labels) and {@code predicted_class}
 * per row; regression answers a single output, {@code value}, so each prediction is the bare
 * number, as TF Serving answers a single output.
 *
 * <p>The rows go through {@link TabularPredictor}, the trainer's own encoder and library, so a
 * served answer is exactly the one the model gives in process.
 */
final class TabularRuntime implements ModelRuntime {
  static final String PROBABILITIES = "probabilities";
  static final String CLASSES = "classes";
  static final String PREDICTED_CLASS = "predicted_class";
  static final String VALUE = "value";
  private static final String PREDICT_METHOD = "tensorflow/serving/predict";

  private final TabularPredictor predictor;
  private final ServingSignature signature;

  private TabularRuntime(TabularPredictor predictor, ServingSignature signature) {
    this.predictor = predictor;
    this.signature = signature;
  }

  static TabularRuntime load(Path folder) {
    TabularPredictor predictor = TabularPredictor.load(folder);
    return new TabularRuntime(predictor, signatureOf(predictor.descriptor()));
  }

  private static ServingSignature signatureOf(TabularModelDescriptor descriptor) {
    // inputs in the model's column order, so "takes [...]" in an error lists them as the descriptor does
    Map<String, TensorSpec> inputs = new LinkedHashMap<>();
    for (TabularFeature feature : descriptor.features()) {
      DataType dtype = feature.isCategorical() ? DataType.DT_STRING : DataType.DT_DOUBLE;
      inputs.put(feature.name(), new TensorSpec(feature.name(), feature.name(), dtype, new long[] {-1}));
    }
    Map<String, TensorSpec> outputs = new LinkedHashMap<>();
    if (descriptor.tabularTask().classification()) {
      long k = descriptor.classLabels().size();
      outputs.put(PROBABILITIES, new TensorSpec(PROBABILITIES, PROBABILITIES, DataType.DT_DOUBLE, new long[] {-1, k}));
      outputs.put(CLASSES, new TensorSpec(CLASSES, CLASSES, DataType.DT_STRING, new long[] {-1, k}));
      outputs.put(PREDICTED_CLASS, new TensorSpec(PREDICTED_CLASS, PREDICTED_CLASS, DataType.DT_STRING, new long[] {-1}));
    } else {
      outputs.put(VALUE, new TensorSpec(VALUE, VALUE, DataType.DT_DOUBLE, new long[] {-1}));
    }
    return new ServingSignature(Signature.DEFAULT_KEY, PREDICT_METHOD, inputs, outputs);
  }

  TabularModelDescriptor descriptor() {
    return predictor.descriptor();
  }

  @Override
  public Map<String, ServingSignature> signatures() {
    return Map.of(signature.key(), signature);
  }

  @Override
  public Map<String, OutputTensor> run(ServingSignature requested, Map<String, FeatureColumn> columns) {
    List<TabularFeature> features = predictor.features();
    int rows = columns.get(features.get(0).name()).rows();
    List<String[]> cells = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      String[] cell = new String[features.size()];
      for (int j = 0; j < cell.length; j++) {
        FeatureColumn column = columns.get(features.get(j).name());
        if (features.get(j).isCategorical()) {
          cell[j] = column.string(row);
        } else {
          // the shortest exact decimal text: it parses back to this double, as the training CSV's cells did
          double value = column.doubleAt(row);
          cell[j] = Double.isNaN(value) ? "" : Double.toString(value);
        }
      }
      cells.add(cell);
    }
    TabularPrediction prediction;
    try {
      prediction = predictor.predictCells(cells);
    } catch (TabularInputException e) {
      throw ServingException.badRequest(e.getMessage());
    }
    return outputs(prediction, rows);
  }

  private static Map<String, OutputTensor> outputs(TabularPrediction prediction, int rows) {
    Map<String, OutputTensor> outputs = new LinkedHashMap<>();
    if (!prediction.task().classification()) {
      outputs.put(VALUE, OutputTensor.ofDoubles(rows, 0, prediction.values()));
      return outputs;
    }
    int k = prediction.classLabels().size();
    double[] probabilities = new double[rows * k];
    String[] classes = new String[rows * k];
    String[] predicted = new String[rows];
    for (int row = 0; row < rows; row++) {
      System.arraycopy(prediction.probabilities()[row], 0, probabilities, row * k, k);
      for (int c = 0; c < k; c++) {
        classes[row * k + c] = prediction.classLabels().get(c);
      }
      predicted[row] = prediction.predictedClass(row);
    }
    outputs.put(PROBABILITIES, OutputTensor.ofDoubles(rows, k, probabilities));
    outputs.put(CLASSES, OutputTensor.ofStrings(rows, k, classes));
    outputs.put(PREDICTED_CLASS, OutputTensor.ofStrings(rows, 0, predicted));
    return outputs;
  }

  @Override
  public void close() {
    predictor.close();
  }
}
