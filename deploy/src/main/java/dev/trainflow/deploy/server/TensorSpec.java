package dev.trainflow.deploy.server;

import org.tensorflow.proto.DataType;

/**
 * One input or output of a serving signature: its key in requests and responses, the graph tensor
 * it is fed to or fetched from, its dtype and its shape (-1: any size).
 */
record TensorSpec(String key, String tensorName, DataType dtype, long[] shape) {

  /** TensorFlow Serving's spelling, e.g. {@code DT_STRING}. */
  String dtypeName() {
    return dtype.name();
  }

  /** What a JSON value of this input must be, for error messages. */
  String expectation() {
    return switch (dtype) {
      case DT_STRING -> "a string (" + dtypeName() + ")";
      case DT_FLOAT -> "a number (" + dtypeName() + ")";
      case DT_DOUBLE -> "a number or null (" + dtypeName() + ")";
      default -> "an integer (" + dtypeName() + ")";
    };
  }
}
