package dev.trainflow.workflows.activities;

import java.util.List;

/**
 * The Schema stage's output: the inferred schema, where it is stored, and the anomalies that did
 * not break training (breaking ones fail the stage with {@code data_validation}).
 *
 * @param previousSchemaUri the schema this one was compared with, or null for a dataset's first
 */
public record SchemaResult(
    String uri, List<ColumnSpec> columns, String previousSchemaUri, List<String> warnings) {}
