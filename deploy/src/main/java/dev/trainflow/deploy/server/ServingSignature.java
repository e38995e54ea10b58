package dev.trainflow.deploy.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;

/**
 * A signature of the loaded SavedModel: its inputs (raw feature columns, each [batch]) and outputs,
 * by key, in key order. Runs on the bundle's session through the graph tensors the signature names,
 * fetching outputs by those names (a SessionFunction's result map has no guaranteed order).
 */
record ServingSignature(String key, String methodName, Map<String, TensorSpec> inputs, Map<String, TensorSpec> outputs) {

  /** The signature, or an explanation of why this server cannot serve it. */
  static ServingSignature of(Signature signature) {
    Map<String, TensorSpec> inputs = new TreeMap<>();
    signature.getInputs().forEach((key, d) -> inputs.put(key, new TensorSpec(key, d.name, d.dataType, d.shape.asArray())));
    Map<String, TensorSpec> outputs = new TreeMap<>();
    signature.getOutputs().forEach((key, d) -> outputs.put(key, new TensorSpec(key, d.name, d.dataType, d.shape.asArray())));
    for (TensorSpec input : inputs.values()) {
      if (input.dtype() != DataType.DT_STRING && input.dtype() != DataType.DT_FLOAT && input.dtype() != DataType.DT_INT64) {
        throw new IllegalArgumentException(
            "signature '" + signature.key() + "' input '" + input.key() + "' is " + input.dtypeName() + "; this server feeds DT_STRING, DT_FLOAT and DT_INT64");
      }
    }
    for (TensorSpec output : outputs.values()) {
      if (!OutputTensor.canReturn(output.dtype())) {
        throw new IllegalArgumentException(
            "signature '" + signature.key() + "' output '" + output.key() + "' is " + output.dtypeName() + ", which this server cannot return");
      }
    }
    return new ServingSignature(
        signature.key(), signature.methodName(), Collections.unmodifiableMap(inputs), Collections.unmodifiableMap(outputs));
  }

  /** One row of neutral values (empty strings, NaN, 0): a first run that initialises the graph. */
  Map<String, FeatureColumn> warmUpColumns() {
    Map<String, FeatureColumn> columns = new LinkedHashMap<>();
    for (TensorSpec input : inputs.values()) {
      FeatureColumn column = FeatureColumn.allocate(input.dtype(), 1);
      switch (input.dtype()) {
        case DT_STRING -> column.setString(0, "");
        case DT_FLOAT -> column.setFloat(0, Float.NaN);
        case DT_DOUBLE -> column.setDouble(0, Double.NaN);
        default -> column.setLong(0, 0L);
      }
      columns.put(input.key(), column);
    }
    return columns;
  }

  /** Feeds one column per input (every column holds {@code rows} values) and returns every output. */
  Map<String, OutputTensor> run(Session session, Map<String, FeatureColumn> columns) {
    List<Tensor> fed = new ArrayList<>(inputs.size());
    try {
      Session.Runner runner = session.runner();
      for (TensorSpec input : inputs.values()) {
        Tensor tensor = columns.get(input.key()).toTensor();
        fed.add(tensor);
        runner.feed(input.tensorName(), tensor);
      }
      List<TensorSpec> fetched = new ArrayList<>(outputs.values());
      fetched.forEach(output -> runner.fetch(output.tensorName()));
      Map<String, OutputTensor> result = new LinkedHashMap<>();
      try (Result run = runner.run()) {
        // a Runner's results come in fetch order
        for (int i = 0; i < fetched.size(); i++) {
          result.put(fetched.get(i).key(), OutputTensor.copyOf(fetched.get(i), run.get(i)));
        }
      }
      return result;
    } finally {
      fed.forEach(Tensor::close);
    }
  }
}
