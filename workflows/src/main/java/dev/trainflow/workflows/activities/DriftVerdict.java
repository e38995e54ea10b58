package dev.trainflow.workflows.activities;

/** A check_drift task's answer: whether any feature drifted past its threshold, in one line. */
public record DriftVerdict(boolean drifted, String message) {}
