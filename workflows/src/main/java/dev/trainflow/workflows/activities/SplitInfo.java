package dev.trainflow.workflows.activities;

/** One CSV file written by the Examples stage: where it is, how many rows, its SHA-256. */
public record SplitInfo(String name, String uri, long rows, String sha256) {}
