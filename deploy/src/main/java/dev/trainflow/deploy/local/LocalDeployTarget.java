package dev.trainflow.deploy.local;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.deploy.endpoint.DeployTarget;
import dev.trainflow.deploy.endpoint.EndpointSnapshot;
import dev.trainflow.deploy.endpoint.RevisionSpec;
import dev.trainflow.deploy.endpoint.TrafficSplit;
import dev.trainflow.deploy.server.ModelServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoints on this host: a {@link TrafficRouter} per endpoint in this process, and a model-server
 * child process per revision that takes traffic. A revision that no longer takes traffic is
 * stopped (it is remembered, so a rollback starts it again); the processes die with this one.
 */
public final class LocalDeployTarget implements DeployTarget, AutoCloseable {
  public static final String KIND = "local";
  private static final Logger log = LoggerFactory.getLogger(LocalDeployTarget.class);

  private final ArtifactStore store;
  private final LocalTargetSettings settings;
  private final Map<String, LocalEndpoint> endpoints = new HashMap<>();

  public LocalDeployTarget(ArtifactStore store, LocalTargetSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  private static final class LocalEndpoint {
    final TrafficRouter router;
    final Map<String, RevisionSpec> known = new LinkedHashMap<>();
    final Map<String, ModelServerProcess> running = new LinkedHashMap<>();
    Map<String, Integer> split = new LinkedHashMap<>();

    LocalEndpoint(TrafficRouter router) {
      this.router = router;
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public synchronized EndpointSnapshot deploy(String endpointName, RevisionSpec revision, int trafficPercent) {
    LocalEndpoint endpoint = endpoint(endpointName);
    endpoint.known.put(revision.revisionId(), revision);
    return apply(endpointName, endpoint, TrafficSplit.afterDeploy(endpoint.split, revision.revisionId(), trafficPercent));
  }

  @Override
  public synchronized EndpointSnapshot setTraffic(String endpointName, Map<String, Integer> split) {
    Map<String, Integer> wanted = TrafficSplit.validated(split);
    LocalEndpoint endpoint = endpoint(endpointName);
    List<String> unknown = new ArrayList<>(wanted.keySet());
    unknown.removeAll(endpoint.known.keySet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("endpoint " + endpointName + " has no revision " + String.join(", ", unknown));
    }
    return apply(endpointName, endpoint, wanted);
  }

  @Override
  public synchronized void remember(String endpointName, RevisionSpec revision) {
    endpoint(endpointName).known.putIfAbsent(revision.revisionId(), revision);
  }

  @Override
  public synchronized void undeploy(String endpointName) {
    LocalEndpoint endpoint = endpoints.remove(endpointName);
    if (endpoint != null) {
      endpoint.router.close();
      endpoint.running.values().forEach(ModelServerProcess::close);
      log.info("endpoint {} undeployed", endpointName);
    }
  }

  @Override
  public synchronized void close() {
    new ArrayList<>(endpoints.keySet()).forEach(this::undeploy);
  }

  /**
   * Starts the revisions the split needs before routing to them, routes, then stops those left
   * without traffic: requests never reach a server that is not up.
   */
  private EndpointSnapshot apply(String endpointName, LocalEndpoint endpoint, Map<String, Integer> split) {
    for (String revisionId : split.keySet()) {
      ModelServerProcess process = endpoint.running.get(revisionId);
      if (process == null || !process.isAlive()) {
        RevisionSpec spec = endpoint.known.get(revisionId);
        Path scratch = settings.workDir().resolve("models").resolve(endpointName).resolve(revisionId);
        Path modelDir = store.localCopy(spec.modelUri(), scratch);
        Path logFile = settings.workDir().resolve("logs").resolve(endpointName).resolve(revisionId + ".log");
        Map<String, String> env =
            Map.of("MODEL_PATH", modelDir.toString(), "MODEL_NAME", spec.modelName(), "PORT", "0");
        endpoint.running.put(revisionId, ModelServerProcess.start(env, logFile, settings.startTimeout()));
        log.info("endpoint {}: revision {} (model {} version {}) started, log {}",
            endpointName, revisionId, spec.modelName(), spec.modelVersion(), logFile);
      }
    }
    Map<String, String> urls = new HashMap<>();
    endpoint.running.forEach((id, process) -> urls.put(id, url(process)));
    endpoint.router.route(split, urls);
    endpoint.split = new LinkedHashMap<>(split);
    endpoint.running.entrySet().removeIf(
        e -> {
          if (split.containsKey(e.getKey())) {
            return false;
          }
          e.getValue().close();
          log.info("endpoint {}: revision {} stopped (no traffic)", endpointName, e.getKey());
          return true;
        });
    return snapshot(endpointName, endpoint);
  }

  private LocalEndpoint endpoint(String endpointName) {
    return endpoints.computeIfAbsent(
        endpointName,
        name -> {
          TrafficRouter router = TrafficRouter.start(settings.bindAddress(), 0, name);
          log.info("endpoint {} listens on {}", name, router.url());
          return new LocalEndpoint(router);
        });
  }

  private static EndpointSnapshot snapshot(String endpointName, LocalEndpoint endpoint) {
    List<EndpointSnapshot.Revision> revisions = new ArrayList<>();
    for (String revisionId : endpoint.known.keySet()) {
      ModelServerProcess process = endpoint.running.get(revisionId);
      revisions.add(
          new EndpointSnapshot.Revision(
              revisionId, endpoint.split.getOrDefault(revisionId, 0), process == null ? null : url(process)));
    }
    return new EndpointSnapshot(endpointName, endpoint.router.url(), revisions);
  }

  private static String url(ModelServerProcess process) {
    return "http://127.0.0.1:" + process.port();
  }
}
