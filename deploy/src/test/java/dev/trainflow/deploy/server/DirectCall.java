package dev.trainflow.deploy.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * What the SavedModel itself answers, called with TensorFlow Java directly and without the
 * server: the reference the server's HTTP answers are compared with.
 */
final class DirectCall {
  private DirectCall() {}

  /** Output name → one value per row: a List of the row's values for [batch, k] outputs, the value for [batch]. */
  static Map<String, List<Object>> call(Path exportFolder, String signatureKey, List<Map<String, Object>> rows) {
    Path savedModel = exportFolder.resolve("saved_model");
    try (SavedModelBundle bundle = SavedModelBundle.loader(savedModel.toString()).withTags("serve").load()) {
      Signature signature =
          bundle.signatures().stream().filter(s -> s.key().equals(signatureKey)).findFirst().orElseThrow();
      Map<String, Tensor> inputs = new HashMap<>();
      try {
        signature.getInputs().forEach((name, description) -> inputs.put(name, column(description.dataType, name, rows)));
        try (Result result = bundle.function(signatureKey).call(inputs)) {
          Map<String, List<Object>> outputs = new LinkedHashMap<>();
          for (String name : signature.outputNames()) {
            outputs.put(name, rowsOf(result.get(name).orElseThrow(), rows.size()));
          }
          return outputs;
        }
      } finally {
        inputs.values().forEach(Tensor::close);
      }
    }
  }

  private static Tensor column(DataType dtype, String name, List<Map<String, Object>> rows) {
    int n = rows.size();
    switch (dtype) {
      case DT_STRING -> {
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
          values[i] = (String) rows.get(i).get(name);
        }
        return TString.tensorOf(NdArrays.vectorOfObjects(values));
      }
      case DT_FLOAT -> {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
          Object v = rows.get(i).get(name);
          values[i] = v == null ? Float.NaN : ((Number) v).floatValue();
        }
        return TFloat32.vectorOf(values);
      }
      default -> {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
          values[i] = ((Number) rows.get(i).get(name)).longValue();
        }
        return TInt64.vectorOf(values);
      }
    }
  }

  private static List<Object> rowsOf(Tensor tensor, int rows) {
    long[] shape = tensor.shape().asArray();
    List<Object> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      if (shape.length == 1) {
        out.add(value(tensor, r));
      } else {
        List<Object> row = new ArrayList<>();
        for (int k = 0; k < shape[1]; k++) {
          row.add(value(tensor, r, k));
        }
        out.add(row);
      }
    }
    return out;
  }

  private static Object value(Tensor tensor, long... index) {
    if (tensor instanceof TString s) {
      return s.getObject(index);
    }
    return ((TFloat32) tensor).getFloat(index);
  }
}
