package dev.trainflow.deploy.endpoint;

import java.util.Map;

/**
 * Where endpoints live: model-server processes on this host ({@code local}) or Cloud Run services
 * ({@code cloud_run}). An endpoint serves one model name through one URL and splits its traffic
 * between revisions; a revision is one registered model version (one training run).
 *
 * <p>The database keeps the endpoint's record; a target only acts and reports what it now serves,
 * so that every call can be repeated after a crash (idempotent by endpoint name and revision id).
 */
public interface DeployTarget {

  /** {@code local} or {@code cloud_run}. */
  String kind();

  /**
   * Adds {@code revision} to the endpoint (creating the endpoint when absent) and gives it {@code
   * trafficPercent} of the traffic; the rest goes to the revision that served before (a gradual
   * rollout), older revisions get none. Deploying a revision the endpoint already has changes
   * nothing but its traffic share.
   */
  EndpointSnapshot deploy(String endpointName, RevisionSpec revision, int trafficPercent);

  /**
   * Sets the endpoint's traffic to exactly {@code split} (revision id → percent, summing to 100);
   * revisions left out get none. Rollback and promotion are this call.
   */
  EndpointSnapshot setTraffic(String endpointName, Map<String, Integer> split);

  /**
   * Tells the target about a revision the endpoint had before (after a restart, or one that no
   * longer takes traffic), so that {@link #setTraffic} can bring it back. Targets that keep their
   * revisions themselves (Cloud Run) need nothing.
   */
  default void remember(String endpointName, RevisionSpec revision) {}

  /** Stops serving and removes the endpoint; removing one that does not exist is not an error. */
  void undeploy(String endpointName);
}
