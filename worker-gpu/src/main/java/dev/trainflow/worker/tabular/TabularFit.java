package dev.trainflow.worker.tabular;

/** A model trained on a whole training table, with its evaluation on a separate test table. */
public record TabularFit(TabularResult result, TabularModel model) {}
