package dev.trainflow.deploy.server;

import java.util.List;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.proto.DataType;

/**
 * The values of one signature input over the rows of a request (or of a batch of requests), in
 * the array type its dtype feeds: strings, floats or longs.
 */
final class FeatureColumn {
  private final DataType dtype;
  private final String[] strings;
  private final float[] floats;
  private final long[] longs;

  private FeatureColumn(DataType dtype, String[] strings, float[] floats, long[] longs) {
    this.dtype = dtype;
    this.strings = strings;
    this.floats = floats;
    this.longs = longs;
  }

  static FeatureColumn allocate(DataType dtype, int rows) {
    return switch (dtype) {
      case DT_STRING -> new FeatureColumn(dtype, new String[rows], null, null);
      case DT_FLOAT -> new FeatureColumn(dtype, null, new float[rows], null);
      default -> new FeatureColumn(dtype, null, null, new long[rows]);
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

  /** A new tensor of shape [rows]; the caller closes it. */
  Tensor toTensor() {
    return switch (dtype) {
      case DT_STRING -> TString.vectorOf(strings);
      case DT_FLOAT -> TFloat32.vectorOf(floats);
      default -> TInt64.vectorOf(longs);
    };
  }
}
