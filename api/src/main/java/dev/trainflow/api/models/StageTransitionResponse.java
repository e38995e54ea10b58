package dev.trainflow.api.models;

import dev.trainflow.activities.persistence.StageTransition;
import java.util.List;

/**
 * What a transition did.
 *
 * @param changed false when the version already was in that stage (nothing was written)
 * @param archivedVersions versions that left production because this one entered it
 */
public record StageTransitionResponse(
    String mlModel, int version, String from, String to, String reason, boolean changed, List<Integer> archivedVersions) {

  static StageTransitionResponse of(StageTransition t) {
    return new StageTransitionResponse(
        t.mlModelName(), t.version(), t.from().value(), t.to().value(), t.reason(), t.changed(), t.archivedVersions());
  }
}
