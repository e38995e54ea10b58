package dev.trainflow.activities.audit;

import dev.trainflow.activities.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * One SHA-256 for a model folder: over each file's relative path and its own SHA-256, in path
 * order, so the same files give the same checksum wherever they were copied. For a single file it
 * is that file's SHA-256 (what {@code sha256sum} prints).
 */
public final class ModelChecksum {
  private ModelChecksum() {}

  public static String of(ArtifactStore store, String uri) {
    try {
      Path scratch = Files.createTempDirectory("trainflow-model-checksum-");
      try {
        return of(store.localCopy(uri, scratch));
      } finally {
        deleteTree(scratch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot checksum " + uri + ": " + e.getMessage(), e);
    }
  }

  static String of(Path local) throws IOException {
    if (Files.isRegularFile(local)) {
      return HexFormat.of().formatHex(fileDigest(local));
    }
    MessageDigest folder = sha256();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(local)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      String line = local.relativize(file).toString().replace('\\', '/') + "\0"
          + HexFormat.of().formatHex(fileDigest(file)) + "\n";
      folder.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(folder.digest());
  }

  private static byte[] fileDigest(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
