package dev.trainflow.worker.tabular;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A LightGBM model read from its text form, predicting through LightGBM's C API.
 *
 * <p>Why not {@link LGBMBooster#predictForMat}: lightgbm4j 4.1.0-2 sizes its output buffer for two
 * numbers per row, and a multiclass model writes one per class, past the buffer's end. Here the
 * buffer is the size LightGBM itself asks for. The model a trainer returns is also read back from
 * its own text, so the trained model and a served bundle are the same trees and answer alike.
 *
 * <p>Safe for concurrent predictions (LightGBM's predictor takes a shared lock); {@link #close}
 * waits for predictions in flight and makes later calls fail instead of touching freed memory.
 */
final class LightGBMModel implements TabularModel {
  /** Per-row tree walks in parallel for a large batch; a small fixed count, like training's. */
  private static final String PREDICT_PARAMETERS = "num_threads=2";

  private final String text;
  private final TabularTask task;
  private final int classes;
  private final int features;
  private final SWIGTYPE_p_p_void handle;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private LightGBMModel(String text, TabularTask task, int classes, int features, SWIGTYPE_p_p_void handle) {
    this.text = text;
    this.task = task;
    this.classes = classes;
    this.features = features;
    this.handle = handle;
  }

  /**
   * @param text a model as LightGBM saves it ({@code model.txt})
   * @param features the encoded width the model was trained on
   * @throws IllegalArgumentException when the text is no LightGBM model, or one of another task
   *     or width than the descriptor says
   */
  static LightGBMModel load(String text, TabularTask task, int classes, int features) {
    loadNatives();
    SWIGTYPE_p_p_void handle = lightgbmlib.new_voidpp();
    SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
    try {
      if (lightgbmlib.LGBM_BoosterLoadModelFromString(text, iterations, handle) < 0) {
        lightgbmlib.delete_voidpp(handle);
        throw new IllegalArgumentException("not a LightGBM model: " + lightgbmlib.LGBM_GetLastError());
      }
    } finally {
      lightgbmlib.delete_intp(iterations);
    }
    LightGBMModel model = new LightGBMModel(text, task, classes, features, handle);
    try {
      int outputs = model.nativeInt(lightgbmlib::LGBM_BoosterGetNumClasses);
      int expectedOutputs = task == TabularTask.MULTICLASS ? classes : 1;
      if (outputs != expectedOutputs) {
        throw new IllegalArgumentException(
            "the LightGBM model has " + outputs + " outputs, a " + task.name().toLowerCase(java.util.Locale.ROOT)
                + " model over " + classes + " classes needs " + expectedOutputs);
      }
      int width = model.nativeInt(lightgbmlib::LGBM_BoosterGetNumFeature);
      if (width != features) {
        throw new IllegalArgumentException("the LightGBM model reads " + width + " features, encoded_width is " + features);
      }
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Loads LightGBM's natives from the jar once; fails naming the likely cause. */
  static void loadNatives() {
    try {
      if (!LGBMBooster.isNativeLoaded()) {
        LGBMBooster.loadNative();
      }
    } catch (java.io.IOException | LinkageError e) {
      throw new IllegalStateException(
          "LightGBM's native library did not load (it needs the OpenMP runtime libgomp.so.1): " + e.getMessage(), e);
    }
    if (!LGBMBooster.isNativeLoaded()) {
      throw new IllegalStateException("LightGBM's native library did not load (it needs the OpenMP runtime libgomp.so.1)");
    }
  }

  @Override
  public double[][] predictProbabilities(double[][] x) {
    double[] raw = predict(x);
    double[][] probabilities = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (task == TabularTask.BINARY) {
        probabilities[i] = new double[] {1.0 - raw[i], raw[i]};
      } else {
        probabilities[i] = new double[classes];
        System.arraycopy(raw, i * classes, probabilities[i], 0, classes);
      }
    }
    return probabilities;
  }

  @Override
  public double[] predictValues(double[][] x) {
    return predict(x);
  }

  /** Row-major: one number per row, or one per class and row (multiclass). */
  private double[] predict(double[][] x) {
    int rows = x.length;
    if (rows == 0) {
      return new double[0];
    }
    lock.readLock().lock();
    try {
      ensureOpen();
      SWIGTYPE_p_void booster = lightgbmlib.voidpp_value(handle);
      SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
      SWIGTYPE_p_double input = null;
      SWIGTYPE_p_double output = null;
      try {
        check(lightgbmlib.LGBM_BoosterCalcNumPredict(booster, rows, lightgbmlib.C_API_PREDICT_NORMAL, 0, -1, length), "prediction");
        long size = lightgbmlib.int64_tp_value(length);
        input = lightgbmlib.new_doubleArray((long) rows * features);
        for (int i = 0; i < rows; i++) {
          if (x[i].length != features) {
            throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, the model reads " + features);
          }
          for (int j = 0; j < features; j++) {
            lightgbmlib.doubleArray_setitem(input, (long) i * features + j, x[i][j]);
          }
        }
        output = lightgbmlib.new_doubleArray(size);
        check(
            lightgbmlib.LGBM_BoosterPredictForMat(
                booster, lightgbmlib.double_to_voidp_ptr(input), lightgbmlib.C_API_DTYPE_FLOAT64, rows, features, 1,
                lightgbmlib.C_API_PREDICT_NORMAL, 0, -1, PREDICT_PARAMETERS, length, output),
            "prediction");
        double[] out = new double[(int) lightgbmlib.int64_tp_value(length)];
        for (int k = 0; k < out.length; k++) {
          out[k] = lightgbmlib.doubleArray_getitem(output, k);
        }
        return out;
      } finally {
        if (input != null) {
          lightgbmlib.delete_doubleArray(input);
        }
        if (output != null) {
          lightgbmlib.delete_doubleArray(output);
        }
        lightgbmlib.delete_int64_tp(length);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public double[] gainImportance() {
    lock.readLock().lock();
    try {
      ensureOpen();
      SWIGTYPE_p_double gain = lightgbmlib.new_doubleArray(features);
      try {
        check(
            lightgbmlib.LGBM_BoosterFeatureImportance(
                lightgbmlib.voidpp_value(handle), 0, lightgbmlib.C_API_FEATURE_IMPORTANCE_GAIN, gain),
            "feature importance");
        double[] importance = new double[features];
        for (int j = 0; j < features; j++) {
          importance[j] = lightgbmlib.doubleArray_getitem(gain, j);
        }
        return importance;
      } finally {
        lightgbmlib.delete_doubleArray(gain);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** LightGBM's text model, which {@link #load} reads back to the same trees. */
  @Override
  public byte[] toBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        lightgbmlib.LGBM_BoosterFree(lightgbmlib.voidpp_value(handle));
        lightgbmlib.delete_voidpp(handle);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the LightGBM model is closed");
    }
  }

  private interface IntCall {
    int call(SWIGTYPE_p_void booster, SWIGTYPE_p_int out);
  }

  private int nativeInt(IntCall call) {
    SWIGTYPE_p_int out = lightgbmlib.new_intp();
    try {
      check(call.call(lightgbmlib.voidpp_value(handle), out), "reading the model");
      return lightgbmlib.intp_value(out);
    } finally {
      lightgbmlib.delete_intp(out);
    }
  }

  private static void check(int status, String what) {
    if (status < 0) {
      throw new IllegalStateException("LightGBM " + what + " failed: " + lightgbmlib.LGBM_GetLastError());
    }
  }
}
