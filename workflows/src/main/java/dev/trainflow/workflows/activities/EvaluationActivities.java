package dev.trainflow.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface EvaluationActivities {
  /** Test-split metrics of the trained model, the popularity baseline, and the blessing. */
  @ActivityMethod
  EvaluationResult evaluate(EvaluationRequest request);
}
