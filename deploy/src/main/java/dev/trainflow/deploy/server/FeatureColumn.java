package dev.trainflow.deploy.server;

import java.util.List;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.proto.DataType;

/**
 * The values of one signature input over the rows of a request (or of a batch of requests), in
 * the array type its dtype feeds: strings, floats or longs; doubles for a tabular model's numeric
 * columns, which must reach its encoder exactly as the client sent them.
 */
final class FeatureColumn {
  private final DataType dtype;
  private final String[] strings;
  private final float[] floats;
  private final long[] longs;
  private final double[] doubles;

  private FeatureColumn(DataType dtype, String[] strings, float[] floats, long[] longs, double[] doubles) {
    this.dtype = dtype;
    this.strings = strings;
    this.floats = floats;
    this.longs = longs;
    this.doubles = doubles;
  }

  static FeatureColumn allocate(DataType dtype, int rows) {
    return switch (dtype) {
      case DT_STRING -> new FeatureColumn(dtype, new String[rows], null, null, null);
      case DT_FLOAT -> new FeatureColumn(dtype, null, new float[rows], null, null);
      case DT_DOUBLE -> new FeatureColumn(dtype, null, null, null, new double[rows]);
      default -> new FeatureColumn(dtype, null, null, new long[rows], null);
    };
  }

  /** The rows of every column, one after another: one batch from several requests. */
  static FeatureColumn concat(DataType dtype, List<FeatureColumn> parts) {
    int rows = parts.stream().mapToInt(FeatureColumn::rows).sum();
    FeatureColumn all = allocate(dtype, rows);
    int at = 0;
    for (FeatureColumn part : parts) {
      int n = part.rows();
      switch (dtype) {
        case DT_STRING -> System.arraycopy(part.strings, 0, all.strings, at, n);
        case DT_FLOAT -> System.arraycopy(part.floats, 0, all.floats, at, n);
        case DT_DOUBLE -> System.arraycopy(part.doubles, 0, all.doubles, at, n);
        default -> System.arraycopy(part.longs, 0, all.longs, at, n);
      }
      at += n;
    }
    return all;
  }

  int rows() {
    return switch (dtype) {
      case DT_STRING -> strings.length;
      case DT_FLOAT -> floats.length;
      case DT_DOUBLE -> doubles.length;
      default -> longs.length;
    };
  }

  void setString(int row, String value) {
    strings[row] = value;
  }

  void setFloat(int row, float value) {
    floats[row] = value;
  }

  void setLong(int row, long value) {
    longs[row] = value;
  }

  void setDouble(int row, double value) {
    doubles[row] = value;
  }

  String string(int row) {
    return strings[row];
  }

  double doubleAt(int row) {
    return doubles[row];
  }

  /** A new tensor of shape [rows]; the caller closes it. */
  Tensor toTensor() {
    return switch (dtype) {
      case DT_STRING -> TString.vectorOf(strings);
      case DT_FLOAT -> TFloat32.vectorOf(floats);
      case DT_DOUBLE -> TFloat64.vectorOf(doubles);
      default -> TInt64.vectorOf(longs);
    };
  }
}
