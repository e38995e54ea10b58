package dev.trainflow.worker.export;

import dev.trainflow.workflows.activities.ColumnSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The raw inputs of an exported signature: one placeholder per dataset column the towers read,
 * named after the column, shape [batch], typed by the column: string → DT_STRING, int and
 * timestamp → DT_INT64, float → DT_FLOAT. Two features reading one column share its input.
 */
final class ServingColumns {
  private final Ops tf;
  private final Map<String, String> types;
  private final Map<String, Placeholder<? extends TType>> inputs = new LinkedHashMap<>();

  ServingColumns(Ops tf, List<ColumnSpec> datasetColumns) {
    this.tf = tf.withSubScope("inputs");
    this.types = new LinkedHashMap<>();
    datasetColumns.forEach(c -> types.put(c.name(), c.type()));
  }

  /** The column's input, created on first use. */
  Placeholder<? extends TType> input(String column) {
    return inputs.computeIfAbsent(
        column,
        name -> {
          Ops named = tf.withName(name);
          return switch (type(name)) {
            case "string" -> named.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
            case "float" -> named.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            default -> named.placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
          };
        });
  }

  String type(String column) {
    String type = types.get(column);
    if (type == null) {
      throw new IllegalArgumentException("the dataset has no column '" + column + "' to serve");
    }
    return type;
  }

  /** The column as text, as the training split's CSV cells spell it. */
  @SuppressWarnings("unchecked")
  Operand<TString> text(String column) {
    Placeholder<? extends TType> input = input(column);
    return switch (type(column)) {
      case "string" -> (Operand<TString>) input;
      case "float" -> tf.dtypes.asString(input, org.tensorflow.op.dtypes.AsString.shortest(true));
      default -> tf.dtypes.asString(input);
    };
  }

  /** The column as float32; NaN in a float column stands for a missing value. */
  @SuppressWarnings("unchecked")
  Operand<TFloat32> number(String column) {
    Placeholder<? extends TType> input = input(column);
    return "float".equals(type(column)) ? (Operand<TFloat32>) input : tf.dtypes.cast(input, TFloat32.class);
  }

  /** The column as int64 (a timestamp in epoch seconds). */
  @SuppressWarnings("unchecked")
  Operand<TInt64> integer(String column) {
    Placeholder<? extends TType> input = input(column);
    return "float".equals(type(column)) ? tf.dtypes.cast(tf.math.floor((Operand<TFloat32>) input), TInt64.class) : (Operand<TInt64>) input;
  }

  /** The inputs created so far, by column name, in creation order. */
  Map<String, Placeholder<? extends TType>> inputs() {
    return inputs;
  }
}
