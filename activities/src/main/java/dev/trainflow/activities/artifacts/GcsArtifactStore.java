package dev.trainflow.activities.artifacts;

import com.google.api.gax.paging.Page;
import com.google.cloud.BaseServiceException;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An artifact store in a Cloud Storage bucket under a prefix ({@code gs://bucket/prefix}). Objects
 * are whole-object writes, so a reader sees either the previous object or the complete new one:
 * small files go up in one multipart request, large ones in a resumable upload that only becomes
 * an object when its last byte arrives. A "folder" is every object under {@code name/}.
 *
 * <p>Errors: a missing object is an {@link java.io.UncheckedIOException} naming its URI (as the
 * local store throws); a server error (5xx, 429) or an unreachable service, after the client's own
 * retries, is a retryable {@code transient_io} application failure, so the activity that met it is
 * retried instead of failing the run.
 */
public final class GcsArtifactStore implements ArtifactStore {
  /** Files up to this size go in one request; larger ones in a resumable upload of chunks. */
  public static final int DEFAULT_SINGLE_REQUEST_UPLOAD_BYTES = 8 * 1024 * 1024;

  private final Storage storage;
  private final GcsLocation root;
  private final int singleRequestUploadBytes;

  public GcsArtifactStore(Storage storage, String rootUri) {
    this(storage, rootUri, DEFAULT_SINGLE_REQUEST_UPLOAD_BYTES);
  }

  public GcsArtifactStore(Storage storage, String rootUri, int singleRequestUploadBytes) {
    this.storage = storage;
    this.root = GcsLocation.parse(rootUri);
    this.singleRequestUploadBytes = singleRequestUploadBytes;
  }

  public GcsLocation root() {
    return root;
  }

  @Override
  public String uriOf(String path) {
    return resolve(path).uri();
  }

  @Override
  public String write(String path, byte[] content) {
    GcsLocation target = resolve(path);
    try {
      storage.create(BlobInfo.newBuilder(blobId(target)).build(), content);
      return target.uri();
    } catch (BaseServiceException e) {
      throw failure("cannot write " + target, e);
    }
  }

  @Override
  public String upload(String path, Path local) {
    GcsLocation target = resolve(path);
    try {
      if (Files.isDirectory(local)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(local)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
          uploadFile(target.child(local.relativize(file).toString().replace('\\', '/')), file);
        }
      } else {
        uploadFile(target, local);
      }
      return target.uri();
    } catch (IOException e) {
      throw ArtifactStore.io("cannot upload " + local + " to " + target, e);
    } catch (BaseServiceException e) {
      throw failure("cannot upload " + local + " to " + target, e);
    }
  }

  private void uploadFile(GcsLocation target, Path file) throws IOException {
    BlobInfo info = BlobInfo.newBuilder(blobId(target)).build();
    if (Files.size(file) <= singleRequestUploadBytes) {
      storage.create(info, Files.readAllBytes(file));
    } else {
      storage.createFrom(info, file);
    }
  }

  @Override
  public byte[] read(String uri) {
    GcsLocation at = own(uri);
    try {
      return storage.readAllBytes(blobId(at));
    } catch (BaseServiceException e) {
      throw failure("cannot read artifact " + at, e);
    }
  }

  /** True for an object at the URI, or for a folder: any object under {@code name/}. */
  @Override
  public boolean exists(String uri) {
    GcsLocation at = own(uri);
    try {
      if (!at.name().isEmpty() && storage.get(blobId(at)) != null) {
        return true;
      }
      Page<Blob> page =
          storage.list(at.bucket(), Storage.BlobListOption.prefix(at.folderPrefix()), Storage.BlobListOption.pageSize(1));
      return page.getValues().iterator().hasNext();
    } catch (BaseServiceException e) {
      throw failure("cannot look for " + at, e);
    }
  }

  /**
   * Downloads the object at the URI to {@code scratch/<its last name segment>}, or every object of
   * the folder at the URI into {@code scratch/<its last name segment>/}, keeping relative paths.
   */
  @Override
  public Path localCopy(String uri, Path scratch) {
    GcsLocation at = own(uri);
    String leaf = at.name().isEmpty() ? at.bucket() : at.name().substring(at.name().lastIndexOf('/') + 1);
    Path target = scratch.resolve(leaf);
    try {
      Blob single = at.name().isEmpty() ? null : storage.get(blobId(at));
      if (single != null) {
        Files.createDirectories(scratch);
        single.downloadTo(target);
        return target;
      }
      List<Blob> objects = listFolder(at);
      if (objects.isEmpty()) {
        throw ArtifactStore.io("no artifact at " + at, new FileNotFoundException(at.uri()));
      }
      for (Blob object : objects) {
        Path file = target.resolve(object.getName().substring(at.folderPrefix().length())).normalize();
        if (!file.startsWith(target)) {
          throw new IllegalArgumentException("object " + object.getName() + " escapes " + at);
        }
        if (object.getName().endsWith("/")) {
          continue; // a console-made "folder" placeholder: nothing to copy
        }
        Files.createDirectories(file.getParent());
        object.downloadTo(file);
      }
      return target;
    } catch (IOException e) {
      throw ArtifactStore.io("cannot copy " + at + " to " + scratch, e);
    } catch (BaseServiceException e) {
      throw failure("cannot copy " + at, e);
    }
  }

  @Override
  public int deleteTree(String path, Set<String> keep) {
    GcsLocation target = resolve(path);
    List<String> keptPrefixes = keep.stream().map(k -> target.child(k).name()).toList();
    int deleted = 0;
    try {
      List<Blob> objects = new ArrayList<>(listFolder(target));
      Blob single = target.name().isEmpty() ? null : storage.get(blobId(target));
      if (single != null) {
        objects.add(single);
      }
      for (Blob object : objects) {
        String name = object.getName();
        if (keptPrefixes.stream().anyMatch(k -> name.equals(k) || name.startsWith(k + "/"))) {
          continue;
        }
        // one request per object: the JSON API's batch endpoint saves round trips but not time here
        if (storage.delete(object.getBlobId())) {
          deleted++;
        }
      }
      return deleted;
    } catch (BaseServiceException e) {
      throw failure("cannot delete artifacts under " + target, e);
    }
  }

  private List<Blob> listFolder(GcsLocation folder) {
    List<Blob> objects = new ArrayList<>();
    Page<Blob> page = storage.list(folder.bucket(), Storage.BlobListOption.prefix(folder.folderPrefix()));
    for (Blob blob : page.iterateAll()) {
      objects.add(blob);
    }
    return objects;
  }

  private GcsLocation resolve(String path) {
    if (path.contains("..")) {
      throw new IllegalArgumentException("artifact path escapes the root: " + path);
    }
    return root.child(path);
  }

  /** A URI this store can read: a gs:// URI (any bucket the credentials reach), or a relative path. */
  private GcsLocation own(String uri) {
    if (GcsLocation.isGcs(uri)) {
      return GcsLocation.parse(uri);
    }
    if (uri.contains("://") || uri.startsWith("file:")) {
      throw new IllegalArgumentException("a Cloud Storage artifact store cannot read " + uri);
    }
    return resolve(uri);
  }

  private static BlobId blobId(GcsLocation at) {
    return BlobId.of(at.bucket(), at.name());
  }

  /**
   * A missing object is the caller's error and names the URI; a server that cannot answer now
   * (5xx, 429, no connection) is {@code transient_io}: a retry may succeed. Nothing from the
   * request (headers, tokens, signed URLs) goes into the message, only the status and reason.
   */
  static RuntimeException failure(String what, BaseServiceException e) {
    int code = e.getCode();
    if (code == 404) {
      return ArtifactStore.io(what + ": not found", new FileNotFoundException(what));
    }
    if (code >= 500 || code == 429 || code == 0 || e.isRetryable()) {
      return TrainingFailures.of(
          FailureReason.TRANSIENT_IO, what + ": Cloud Storage is unavailable (HTTP " + code + " " + reason(e) + ")", e);
    }
    return ArtifactStore.io(what + ": HTTP " + code + " " + reason(e) + " (" + e.getMessage() + ")", new IOException(e));
  }

  private static String reason(BaseServiceException e) {
    return e.getReason() == null ? "" : e.getReason();
  }
}
