package dev.trainflow.worker.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A simple binary file of named float32 tensors, for trained weights and checkpoints. Big-endian
 * (Java's DataOutput): the magic {@code TFW1}, the tensor count, then per tensor its name
 * (modified UTF-8 with a 2-byte length), rank, each dimension as an int, and the values row-major.
 */
public final class WeightsFile {
  public static final String FILE_NAME = "weights.bin";
  private static final int MAGIC = 0x54465731; // "TFW1"

  private WeightsFile() {}

  public static byte[] write(List<NamedTensor> tensors) {
    long bytes = 8;
    for (NamedTensor tensor : tensors) {
      bytes += tensor.name().length() + 6 + 4L * tensor.shape().length + 4L * tensor.values().length;
    }
    if (bytes > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException("weights of " + bytes + " bytes do not fit one file");
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) bytes);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeInt(MAGIC);
      out.writeInt(tensors.size());
      for (NamedTensor tensor : tensors) {
        out.writeUTF(tensor.name());
        out.writeInt(tensor.shape().length);
        for (int dim : tensor.shape()) {
          out.writeInt(dim);
        }
        ByteBuffer values = ByteBuffer.allocate(4 * tensor.values().length);
        values.asFloatBuffer().put(tensor.values());
        out.write(values.array());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  public static List<NamedTensor> read(byte[] content) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a weights file: wrong magic number");
      }
      int count = in.readInt();
      List<NamedTensor> tensors = new ArrayList<>(count);
      for (int t = 0; t < count; t++) {
        String name = in.readUTF();
        int[] shape = new int[in.readInt()];
        int size = 1;
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.readInt();
          size *= shape[d];
        }
        byte[] raw = new byte[4 * size];
        in.readFully(raw);
        float[] values = new float[size];
        ByteBuffer.wrap(raw).asFloatBuffer().get(values);
        tensors.add(new NamedTensor(name, shape, values));
      }
      return tensors;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated or corrupt weights file: " + e.getMessage(), e);
    }
  }
}
