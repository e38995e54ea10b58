package dev.trainflow.deploy.endpoint;

import static dev.trainflow.deploy.endpoint.EndpointRequestException.Kind.CONFLICT;
import static dev.trainflow.deploy.endpoint.EndpointRequestException.Kind.INVALID;
import static dev.trainflow.deploy.endpoint.EndpointRequestException.Kind.NOT_FOUND;

import dev.trainflow.activities.persistence.EndpointRepository;
import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.activities.persistence.RegistryEntry;
import dev.trainflow.activities.persistence.StoredEndpoint;
import dev.trainflow.activities.persistence.StoredEndpointRevision;
import dev.trainflow.workflows.spec.DeploymentConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoints of registered models: deploy a run's model (new endpoint or a gradual rollout on an
 * existing one), set traffic, roll back, undeploy, and bring endpoints back after a restart. The
 * database holds each endpoint's record; the {@link DeployTarget} acts, and what it reports is
 * recorded. Operations are serialized in this process: one api process owns its endpoints.
 */
public class EndpointManager {
  private static final Logger log = LoggerFactory.getLogger(EndpointManager.class);

  private final EndpointRepository endpoints;
  private final ModelRegistryRepository registry;
  private final DeployTarget target;

  public EndpointManager(EndpointRepository endpoints, ModelRegistryRepository registry, DeployTarget target) {
    this.endpoints = endpoints;
    this.registry = registry;
    this.target = target;
  }

  /** Deploys the run's registered model as the command says; repeating it changes nothing more. */
  public synchronized StoredEndpoint deploy(DeployCommand command) {
    RegistryEntry entry =
        registry.findByRun(command.runId())
            .orElseThrow(() -> new EndpointRequestException(CONFLICT,
                "run " + command.runId() + " has no registered model to deploy"));
    try {
      TrafficSplit.requireShare(command.trafficPercent());
    } catch (IllegalArgumentException e) {
      throw new EndpointRequestException(INVALID, e.getMessage());
    }
    String modelName = registry.modelName(entry.mlModelId());
    StoredEndpoint endpoint =
        switch (command.action()) {
          case DeploymentConfig.DEPLOY_NEW -> newEndpoint(command, entry, modelName);
          case DeploymentConfig.DEPLOY_EXISTING -> existingEndpoint(command.endpointRef(), entry, modelName);
          default -> throw new EndpointRequestException(INVALID,
              "action must be deploy_new or deploy_existing to deploy, got '" + command.action() + "'");
        };
    RevisionSpec revision = revisionOf(entry, modelName);
    endpoints.addRevision(
        endpoint.id(),
        new StoredEndpointRevision(
            revision.revisionId(), command.runId(), entry.id(), entry.version(), entry.artifactUri(), 0, null, null));
    rememberAll(endpoint, modelName);
    EndpointSnapshot snapshot = act(endpoint, () -> target.deploy(endpoint.name(), revision, command.trafficPercent()));
    StoredEndpoint recorded = record(endpoint.id(), snapshot, "deploy", command.runId());
    endpoints.recordRunDeployment(command.runId(), "deployed", recorded.id(), recorded.url());
    log.info("run {} (model {} version {}) deployed to endpoint {} at {} %: {}",
        command.runId(), modelName, entry.version(), recorded.name(), command.trafficPercent(), recorded.url());
    return recorded;
  }

  /** Sets the endpoint's traffic split exactly (revision id → percent, summing to 100). */
  public synchronized StoredEndpoint setTraffic(long endpointId, Map<String, Integer> split) {
    StoredEndpoint endpoint = serving(endpointId);
    Map<String, Integer> wanted;
    try {
      wanted = TrafficSplit.validated(split);
    } catch (IllegalArgumentException e) {
      throw new EndpointRequestException(INVALID, e.getMessage());
    }
    List<String> unknown =
        wanted.keySet().stream()
            .filter(id -> endpoint.revisions().stream().noneMatch(r -> r.revisionId().equals(id)))
            .toList();
    if (!unknown.isEmpty()) {
      throw new EndpointRequestException(INVALID,
          "endpoint " + endpoint.name() + " has no revision " + String.join(", ", unknown));
    }
    rememberAll(endpoint, endpoint.mlModelName());
    EndpointSnapshot snapshot = act(endpoint, () -> target.setTraffic(endpoint.name(), wanted));
    return record(endpoint.id(), snapshot, "traffic", null);
  }

  /**
   * Sends all traffic to the revision deployed before the newest one that takes traffic now: after
   * a gradual rollout, the old version gets everything back.
   */
  public synchronized StoredEndpoint rollback(long endpointId) {
    StoredEndpoint endpoint = serving(endpointId);
    List<StoredEndpointRevision> revisions = endpoint.revisions();
    int newest = -1;
    for (int i = 0; i < revisions.size(); i++) {
      if (revisions.get(i).trafficPercent() > 0) {
        newest = i;
      }
    }
    if (newest <= 0) {
      throw new EndpointRequestException(CONFLICT,
          "endpoint " + endpoint.name() + " has no revision older than the one it serves to roll back to");
    }
    String previous = revisions.get(newest - 1).revisionId();
    rememberAll(endpoint, endpoint.mlModelName());
    EndpointSnapshot snapshot = act(endpoint, () -> target.setTraffic(endpoint.name(), Map.of(previous, 100)));
    log.info("endpoint {} rolled back to {}", endpoint.name(), previous);
    return record(endpoint.id(), snapshot, "rollback", null);
  }

  /** Stops serving; the record stays (status {@code undeployed}) and the name can be deployed again. */
  public synchronized StoredEndpoint undeploy(long endpointId) {
    StoredEndpoint endpoint = find(endpointId);
    if (!StoredEndpoint.UNDEPLOYED.equals(endpoint.status())) {
      target.undeploy(endpoint.name());
      endpoints.recordUndeployed(endpoint.id());
      log.info("endpoint {} undeployed", endpoint.name());
    }
    return find(endpointId);
  }

  /**
   * Brings every endpoint this target serves back to its recorded split (after a restart the
   * local target has nothing running); an endpoint that cannot be restored is marked {@code
   * failed} and the others go on.
   */
  public synchronized void restore() {
    for (StoredEndpoint endpoint : endpoints.list(false)) {
      if (!target.kind().equals(endpoint.target())) {
        continue;
      }
      Map<String, Integer> split = new LinkedHashMap<>();
      endpoint.revisions().forEach(r -> {
        if (r.trafficPercent() > 0) {
          split.put(r.revisionId(), r.trafficPercent());
        }
      });
      if (split.isEmpty()) {
        continue;
      }
      try {
        rememberAll(endpoint, endpoint.mlModelName());
        record(endpoint.id(), target.setTraffic(endpoint.name(), split), "restore", null);
        log.info("endpoint {} restored", endpoint.name());
      } catch (RuntimeException e) {
        endpoints.recordStatus(endpoint.id(), StoredEndpoint.FAILED);
        log.warn("endpoint {} could not be restored: {}", endpoint.name(), e.getMessage());
      }
    }
  }

  public StoredEndpoint find(long endpointId) {
    return endpoints.find(endpointId)
        .orElseThrow(() -> new EndpointRequestException(NOT_FOUND, "no endpoint " + endpointId));
  }

  public List<StoredEndpoint> list(boolean includeUndeployed) {
    return endpoints.list(includeUndeployed);
  }

  private StoredEndpoint newEndpoint(DeployCommand command, RegistryEntry entry, String modelName) {
    String name = command.endpointName() != null ? command.endpointName() : EndpointNames.forModel(modelName);
    if (!EndpointNames.valid(name)) {
      throw new EndpointRequestException(INVALID, "endpoint_name " + EndpointNames.problem(name));
    }
    Optional<StoredEndpoint> existing = endpoints.findByName(name);
    if (existing.isPresent() && existing.get().mlModelId() != entry.mlModelId()) {
      throw new EndpointRequestException(CONFLICT,
          "endpoint " + name + " serves model " + existing.get().mlModelName() + ", not " + modelName);
    }
    if (existing.isPresent() && !existing.get().target().equals(target.kind())) {
      throw new EndpointRequestException(CONFLICT,
          "endpoint " + name + " lives on target " + existing.get().target() + ", this service deploys to "
              + target.kind());
    }
    return existing.orElseGet(() -> endpoints.findOrCreate(name, target.kind(), entry.mlModelId()));
  }

  private StoredEndpoint existingEndpoint(String ref, RegistryEntry entry, String modelName) {
    if (ref == null || ref.isBlank()) {
      throw new EndpointRequestException(INVALID, "endpoint_id is required for deploy_existing");
    }
    Optional<StoredEndpoint> found =
        ref.chars().allMatch(Character::isDigit) ? endpoints.find(Long.parseLong(ref)) : endpoints.findByName(ref);
    StoredEndpoint endpoint =
        found.orElseThrow(() -> new EndpointRequestException(NOT_FOUND, "no endpoint " + ref));
    if (endpoint.mlModelId() != entry.mlModelId()) {
      throw new EndpointRequestException(CONFLICT,
          "endpoint " + endpoint.name() + " serves model " + endpoint.mlModelName() + ", not " + modelName);
    }
    if (StoredEndpoint.UNDEPLOYED.equals(endpoint.status())) {
      throw new EndpointRequestException(CONFLICT,
          "endpoint " + endpoint.name() + " is undeployed; deploy_new brings it back");
    }
    return endpoint;
  }

  private StoredEndpoint serving(long endpointId) {
    StoredEndpoint endpoint = find(endpointId);
    if (StoredEndpoint.UNDEPLOYED.equals(endpoint.status())) {
      throw new EndpointRequestException(CONFLICT, "endpoint " + endpoint.name() + " is undeployed");
    }
    return endpoint;
  }

  private void rememberAll(StoredEndpoint endpoint, String modelName) {
    for (StoredEndpointRevision r : endpoint.revisions()) {
      target.remember(
          endpoint.name(), new RevisionSpec(r.revisionId(), r.trainingRunId() == null ? 0 : r.trainingRunId(),
              modelName, r.modelVersion(), r.modelUri()));
    }
  }

  /** Runs a target call; a failure marks the endpoint {@code failed} before it propagates. */
  private EndpointSnapshot act(StoredEndpoint endpoint, java.util.function.Supplier<EndpointSnapshot> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw new EndpointRequestException(INVALID, e.getMessage());
    } catch (RuntimeException e) {
      endpoints.recordStatus(endpoint.id(), StoredEndpoint.FAILED);
      throw e;
    }
  }

  private StoredEndpoint record(long endpointId, EndpointSnapshot snapshot, String reason, Long runId) {
    Map<String, Integer> split = new LinkedHashMap<>();
    Map<String, String> urls = new HashMap<>();
    for (EndpointSnapshot.Revision r : snapshot.revisions()) {
      if (r.trafficPercent() > 0) {
        split.put(r.revisionId(), r.trafficPercent());
      }
      urls.put(r.revisionId(), r.url());
    }
    return endpoints.recordServing(endpointId, snapshot.url(), split, urls, reason, runId);
  }

  private static RevisionSpec revisionOf(RegistryEntry entry, String modelName) {
    return new RevisionSpec(
        RevisionSpec.idFor(entry.trainingRunId()), entry.trainingRunId(), modelName, entry.version(), entry.artifactUri());
  }
}
