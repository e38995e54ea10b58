package dev.trainflow.api.tuning;

import dev.trainflow.workflows.tuning.ParameterRange;
import dev.trainflow.workflows.tuning.TrialEarlyStopping;
import dev.trainflow.workflows.tuning.TuningObjective;
import java.util.Map;

/**
 * A tuning job request: the base run every trial starts from, the search space (names of {@code
 * training_params} fields → ranges), the objective, the budget ({@code max_trials}) and {@code
 * parallelism} (default 1), the algorithm ({@code tpe} by default, or {@code random}), optional
 * {@code early_stopping}, and the {@code seed} (drawn and stored when absent, so every job can be
 * repeated). {@code startup_trials} and {@code gamma} tune TPE.
 */
record CreateTuningJobRequest(
    String name,
    String description,
    BaseRunRequest baseRun,
    Map<String, ParameterRange> searchSpace,
    TuningObjective objective,
    Integer maxTrials,
    Integer parallelism,
    String algorithm,
    TrialEarlyStopping earlyStopping,
    Long seed,
    Integer startupTrials,
    Double gamma) {}
