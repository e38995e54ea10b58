package dev.trainflow.activities.artifacts;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** An artifact store in a local (or mounted network) folder. */
public final class LocalArtifactStore implements ArtifactStore {
  private final Path root;

  public LocalArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw ArtifactStore.io("cannot create artifact root " + this.root, e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public String uriOf(String path) {
    return resolve(path).toUri().toString();
  }

  @Override
  public String write(String path, byte[] content) {
    Path target = resolve(path);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".tmp-", "-" + target.getFileName());
      Files.write(tmp, content);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target.toUri().toString();
    } catch (IOException e) {
      throw ArtifactStore.io("cannot write artifact " + target, e);
    }
  }

  @Override
  public String upload(String path, Path local) {
    Path target = resolve(path);
    try {
      if (Files.isDirectory(local)) {
        try (Stream<Path> files = Files.walk(local)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            Path dest = target.resolve(local.relativize(file).toString());
            if (Files.isDirectory(file)) {
              Files.createDirectories(dest);
            } else {
              Files.createDirectories(dest.getParent());
              Files.copy(file, dest, StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      } else {
        Files.createDirectories(target.getParent());
        Files.copy(local, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target.toUri().toString();
    } catch (IOException e) {
      throw ArtifactStore.io("cannot upload " + local + " to " + target, e);
    }
  }

  @Override
  public byte[] read(String uri) {
    Path file = toPath(uri);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw ArtifactStore.io("cannot read artifact " + uri, e);
    }
  }

  @Override
  public boolean exists(String uri) {
    return Files.exists(toPath(uri));
  }

  @Override
  public Path localCopy(String uri, Path scratch) {
    Path file = toPath(uri);
    if (!Files.exists(file)) {
      throw ArtifactStore.io("no artifact at " + uri, new java.io.FileNotFoundException(file.toString()));
    }
    return file;
  }

  @Override
  public int deleteTree(String path, Set<String> keep) {
    Path target = resolve(path);
    if (!Files.exists(target)) {
      return 0;
    }
    List<Path> kept = keep.stream().map(k -> target.resolve(k).normalize()).toList();
    int deleted = 0;
    try (Stream<Path> walk = Files.walk(target)) {
      // children before their folders; a folder that still holds a kept subtree stays
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (kept.stream().anyMatch(k -> p.startsWith(k) || k.startsWith(p))) {
          continue;
        }
        boolean file = Files.isRegularFile(p);
        Files.delete(p);
        deleted += file ? 1 : 0;
      }
      return deleted;
    } catch (IOException e) {
      throw ArtifactStore.io("cannot delete artifacts under " + target, e);
    }
  }

  private Path resolve(String path) {
    Path resolved = root.resolve(path).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException("artifact path escapes the root: " + path);
    }
    return resolved;
  }

  private static Path toPath(String uri) {
    if (uri.startsWith("file:")) {
      return Path.of(URI.create(uri));
    }
    if (uri.contains("://")) {
      throw new IllegalArgumentException("a local artifact store cannot read " + uri);
    }
    return Path.of(uri);
  }
}
