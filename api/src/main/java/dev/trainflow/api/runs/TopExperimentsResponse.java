package dev.trainflow.api.runs;

import java.util.List;

/**
 * The best completed experiments of a model type: ranked by {@code metric}, higher first unless
 * {@code lower_is_better}. Start a training run from one with {@code base_experiment_id}.
 */
record TopExperimentsResponse(String modelType, String metric, boolean lowerIsBetter, List<TopExperimentView> items) {}
