package dev.trainflow.workflows.activities;

/** A dataset column and its type: string, int, float or timestamp (epoch seconds). */
public record ColumnSpec(String name, String type) {}
