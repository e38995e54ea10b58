package dev.trainflow.activities.persistence;

/** Listing filters; null means no filter. {@code page} counts from 0. */
public record RunFilter(String status, String modelType, String search, int page, int size, String runKind) {

  /** Without a run-kind filter, for callers that predate run kinds. */
  public RunFilter(String status, String modelType, String search, int page, int size) {
    this(status, modelType, search, page, size, null);
  }
}
