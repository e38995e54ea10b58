package dev.trainflow.api.endpoints;

import dev.trainflow.activities.persistence.StoredEndpoint;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An endpoint as the API shows it.
 *
 * @param predictUrl where TF-Serving-style predict requests go
 */
public record EndpointView(
    long id,
    String name,
    String target,
    String modelName,
    String status,
    String url,
    String predictUrl,
    List<RevisionView> revisions,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public record RevisionView(
      String revisionId, Long trainingRunId, int modelVersion, String modelUri, int trafficPercent, String url,
      OffsetDateTime createdAt) {}

  public static EndpointView of(StoredEndpoint e) {
    List<RevisionView> revisions =
        e.revisions().stream()
            .map(r -> new RevisionView(
                r.revisionId(), r.trainingRunId(), r.modelVersion(), r.modelUri(), r.trafficPercent(), r.url(),
                r.createdAt()))
            .toList();
    String predictUrl = e.url() == null ? null : e.url() + "/v1/models/" + e.mlModelName() + ":predict";
    return new EndpointView(
        e.id(), e.name(), e.target(), e.mlModelName(), e.status(), e.url(), predictUrl, revisions, e.createdAt(),
        e.updatedAt());
  }

  public static List<EndpointView> of(List<StoredEndpoint> endpoints) {
    return endpoints.stream().map(EndpointView::of).toList();
  }
}
