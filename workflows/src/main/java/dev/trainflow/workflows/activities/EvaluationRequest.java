package dev.trainflow.workflows.activities;

import dev.trainflow.workflows.run.CompiledRun;

public record EvaluationRequest(
    CompiledRun run, ExamplesResult examples, TransformResult transform, TrainingResult training) {}
