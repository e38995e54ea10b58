package dev.trainflow.deploy.endpoint;

import java.util.List;

/** What an endpoint serves now, as its target reports it. */
public record EndpointSnapshot(String endpointName, String url, List<Revision> revisions) {

  /**
   * @param url where this revision alone answers (a local port, a Cloud Run revision tag URL);
   *     null when the target has none
   */
  public record Revision(String revisionId, int trafficPercent, String url) {}
}
