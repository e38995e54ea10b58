package dev.trainflow.api.models;

import dev.trainflow.activities.persistence.StageTransition;
import dev.trainflow.api.endpoints.EndpointView;
import java.util.List;
import java.util.Map;

/**
 * What a transition did.
 *
 * @param changed false when the version already was in that stage (nothing was written)
 * @param archivedVersions versions that left production because this one entered it
 * @param comparison the champion/challenger comparison with the production version, as recorded
 *     in the transition's audit record; null when there was no production version to compare with
 * @param deployment the endpoint the version was deployed to, when the request asked for it
 */
public record StageTransitionResponse(
    String mlModel,
    int version,
    String from,
    String to,
    String reason,
    boolean changed,
    List<Integer> archivedVersions,
    Map<String, Object> comparison,
    EndpointView deployment) {

  static StageTransitionResponse of(StageTransition t, Map<String, Object> comparison, EndpointView deployment) {
    return new StageTransitionResponse(
        t.mlModelName(), t.version(), t.from().value(), t.to().value(), t.reason(), t.changed(), t.archivedVersions(),
        comparison, deployment);
  }
}
