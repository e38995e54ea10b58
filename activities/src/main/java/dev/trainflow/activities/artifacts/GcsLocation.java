package dev.trainflow.activities.artifacts;

/**
 * A Cloud Storage bucket and object name (or name prefix), parsed from a {@code gs://bucket/name}
 * URI. The name has no leading slash; an empty name is the bucket's root.
 */
public record GcsLocation(String bucket, String name) {
  public static final String SCHEME = "gs://";

  public static boolean isGcs(String uri) {
    return uri != null && uri.startsWith(SCHEME);
  }

  /** Parses {@code gs://bucket[/name]}; a trailing slash on the name is dropped. */
  public static GcsLocation parse(String uri) {
    if (!isGcs(uri)) {
      throw new IllegalArgumentException("not a Cloud Storage URI (gs://bucket/path): " + uri);
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String name = slash < 0 ? "" : rest.substring(slash + 1);
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("no bucket in " + uri + " (expected gs://bucket/path)");
    }
    return new GcsLocation(bucket, name);
  }

  /** This location joined with a relative path. */
  public GcsLocation child(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    while (relative.endsWith("/")) {
      relative = relative.substring(0, relative.length() - 1);
    }
    if (relative.isEmpty()) {
      return this;
    }
    return new GcsLocation(bucket, name.isEmpty() ? relative : name + "/" + relative);
  }

  /** The prefix that lists the objects inside this location taken as a folder. */
  public String folderPrefix() {
    return name.isEmpty() ? "" : name + "/";
  }

  public String uri() {
    return SCHEME + bucket + (name.isEmpty() ? "" : "/" + name);
  }

  @Override
  public String toString() {
    return uri();
  }
}
