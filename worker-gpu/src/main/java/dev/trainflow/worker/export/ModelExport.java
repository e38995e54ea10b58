package dev.trainflow.worker.export;

/**
 * Where an export went: the SavedModel for serving, the separate query and candidate models, the
 * vocabularies folder and model_meta.json.
 */
public record ModelExport(
    String savedModelUri, String queryModelUri, String candidateModelUri, String vocabulariesUri, String metaUri) {}
