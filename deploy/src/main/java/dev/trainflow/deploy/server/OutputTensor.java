package dev.trainflow.deploy.server;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * One fetched output of a batch, copied out of its tensor so the tensor can be closed at once:
 * shape [rows] (one value per row) or [rows, width] (a list per row), row-major.
 */
final class OutputTensor {
  private final DataType dtype;
  private final int rows;
  /** 0 for a rank-1 output. */
  private final int width;
  private final Object values;

  private OutputTensor(DataType dtype, int rows, int width, Object values) {
    this.dtype = dtype;
    this.rows = rows;
    this.width = width;
    this.values = values;
  }

  static OutputTensor copyOf(TensorSpec spec, Tensor tensor) {
    long[] shape = tensor.shape().asArray();
    if (shape.length == 0 || shape.length > 2) {
      throw new ServingException(500, "output '" + spec.key() + "' has shape " + tensor.shape() + "; this server returns [batch] or [batch, k]");
    }
    int rows = (int) shape[0];
    int width = shape.length == 2 ? (int) shape[1] : 0;
    int size = rows * Math.max(width, 1);
    Object values =
        switch (spec.dtype()) {
          case DT_STRING -> {
            String[] out = new String[size];
            ((TString) tensor).copyTo(DataBuffers.ofObjects(out));
            yield out;
          }
          case DT_FLOAT -> {
            float[] out = new float[size];
            ((TFloat32) tensor).copyTo(DataBuffers.of(out, false, false));
            yield out;
          }
          case DT_DOUBLE -> {
            double[] out = new double[size];
            ((TFloat64) tensor).copyTo(DataBuffers.of(out, false, false));
            yield out;
          }
          case DT_INT32 -> {
            int[] out = new int[size];
            ((TInt32) tensor).copyTo(DataBuffers.of(out, false, false));
            yield out;
          }
          case DT_INT64 -> {
            long[] out = new long[size];
            ((TInt64) tensor).copyTo(DataBuffers.of(out, false, false));
            yield out;
          }
          default -> throw new ServingException(500, "output '" + spec.key() + "' has dtype " + spec.dtypeName());
        };
    return new OutputTensor(spec.dtype(), rows, width, values);
  }

  /** Values computed without TensorFlow (a tabular model's): [rows] when width is 0, else [rows, width] row-major. */
  static OutputTensor ofDoubles(int rows, int width, double[] values) {
    return new OutputTensor(DataType.DT_DOUBLE, rows, width, values);
  }

  /** As {@link #ofDoubles}, strings. */
  static OutputTensor ofStrings(int rows, int width, String[] values) {
    return new OutputTensor(DataType.DT_STRING, rows, width, values);
  }

  static boolean canReturn(DataType dtype) {
    return switch (dtype) {
      case DT_STRING, DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64 -> true;
      default -> false;
    };
  }

  int rows() {
    return rows;
  }

  /** Row {@code row}: a value, or a JSON list of the row's values. */
  void writeRow(JsonGenerator json, int row) throws IOException {
    if (width == 0) {
      writeValue(json, row);
      return;
    }
    json.writeStartArray();
    int start = row * width;
    for (int i = start; i < start + width; i++) {
      writeValue(json, i);
    }
    json.writeEndArray();
  }

  private void writeValue(JsonGenerator json, int i) throws IOException {
    switch (dtype) {
      case DT_STRING -> json.writeString(((String[]) values)[i]);
      case DT_FLOAT -> json.writeNumber(((float[]) values)[i]);
      case DT_DOUBLE -> json.writeNumber(((double[]) values)[i]);
      case DT_INT32 -> json.writeNumber(((int[]) values)[i]);
      default -> json.writeNumber(((long[]) values)[i]);
    }
  }
}
