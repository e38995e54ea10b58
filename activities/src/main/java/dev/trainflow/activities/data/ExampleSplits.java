package dev.trainflow.activities.data;

/** The three example splits of a run, each with the dataset's header. */
public record ExampleSplits(CsvTable train, CsvTable validation, CsvTable test) {}
