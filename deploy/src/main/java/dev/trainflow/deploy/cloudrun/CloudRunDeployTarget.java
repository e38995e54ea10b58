package dev.trainflow.deploy.cloudrun;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.run.v2.Container;
import com.google.cloud.run.v2.ContainerPort;
import com.google.cloud.run.v2.CreateServiceRequest;
import com.google.cloud.run.v2.EnvVar;
import com.google.cloud.run.v2.ExecutionEnvironment;
import com.google.cloud.run.v2.GCSVolumeSource;
import com.google.cloud.run.v2.ResourceRequirements;
import com.google.cloud.run.v2.RevisionScaling;
import com.google.cloud.run.v2.RevisionTemplate;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.TrafficTarget;
import com.google.cloud.run.v2.TrafficTargetAllocationType;
import com.google.cloud.run.v2.TrafficTargetStatus;
import com.google.cloud.run.v2.UpdateServiceRequest;
import com.google.cloud.run.v2.Volume;
import com.google.cloud.run.v2.VolumeMount;
import dev.trainflow.activities.artifacts.GcsLocation;
import dev.trainflow.deploy.endpoint.DeployTarget;
import dev.trainflow.deploy.endpoint.EndpointSnapshot;
import dev.trainflow.deploy.endpoint.RevisionSpec;
import dev.trainflow.deploy.endpoint.TrafficSplit;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoints as Cloud Run services ({@code DEPLOY_TARGET=cloud_run}). An endpoint is one service;
 * a revision of it is one run's model, named {@code <service>-<revision id>} so traffic can name
 * it, serving the model-server image with the model read from the artifact bucket through a
 * Cloud Storage volume mount. Each call reads the service first and writes only when something
 * differs, so repeating a deploy changes nothing.
 */
public final class CloudRunDeployTarget implements DeployTarget {
  public static final String KIND = "cloud_run";
  private static final Logger log = LoggerFactory.getLogger(CloudRunDeployTarget.class);
  static final String MODELS_VOLUME = "models";
  static final String MODELS_MOUNT = "/models";
  /** Cloud Run sends requests to this port and sets {@code PORT} to it (setting PORT is refused). */
  static final int CONTAINER_PORT = 8080;

  private final ServicesClient services;
  private final CloudRunSettings settings;

  public CloudRunDeployTarget(ServicesClient services, CloudRunSettings settings) {
    this.services = services;
    this.settings = settings;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public EndpointSnapshot deploy(String endpointName, RevisionSpec revision, int trafficPercent) {
    TrafficSplit.requireShare(trafficPercent);
    String serviceId = CloudRunNames.serviceId(endpointName);
    String revisionName = CloudRunNames.revisionName(serviceId, revision.revisionId());
    Service current = find(serviceId);
    if (current == null) {
      Service service =
          Service.newBuilder()
              .putLabels("managed-by", "trainflow")
              .setTemplate(template(revisionName, revision))
              .addTraffic(target(serviceId, revisionName, 100))
              .build();
      log.info("creating Cloud Run service {} with revision {}", serviceId, revisionName);
      Service created =
          await("create Cloud Run service " + serviceId,
              services.createServiceAsync(
                  CreateServiceRequest.newBuilder().setParent(settings.parent()).setServiceId(serviceId).setService(service).build()));
      return snapshot(endpointName, serviceId, created);
    }
    boolean sameRevision = current.getTemplate().getRevision().equals(revisionName);
    Service desired =
        current.toBuilder()
            .setTemplate(sameRevision ? current.getTemplate() : template(revisionName, revision))
            .clearTraffic()
            .addAllTraffic(rollout(current, serviceId, revisionName, trafficPercent))
            .build();
    return update(endpointName, serviceId, current, desired);
  }

  @Override
  public EndpointSnapshot setTraffic(String endpointName, Map<String, Integer> split) {
    Map<String, Integer> shares = TrafficSplit.validated(split);
    String serviceId = CloudRunNames.serviceId(endpointName);
    Service current = find(serviceId);
    if (current == null) {
      throw new IllegalArgumentException("endpoint " + endpointName + " has no Cloud Run service " + settings.serviceName(serviceId));
    }
    List<TrafficTarget> traffic = new ArrayList<>();
    shares.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> traffic.add(target(serviceId, CloudRunNames.revisionName(serviceId, e.getKey()), e.getValue())));
    return update(endpointName, serviceId, current, current.toBuilder().clearTraffic().addAllTraffic(traffic).build());
  }

  @Override
  public void undeploy(String endpointName) {
    String serviceId = CloudRunNames.serviceId(endpointName);
    try {
      services.deleteServiceAsync(settings.serviceName(serviceId)).get();
      log.info("deleted Cloud Run service {}", serviceId);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NotFoundException) {
        log.info("Cloud Run service {} was already gone", serviceId);
        return;
      }
      throw unwrap("delete Cloud Run service " + serviceId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TrainingFailures.of(FailureReason.WORKER_LOST, "interrupted while deleting Cloud Run service " + serviceId);
    }
  }

  /**
   * The new revision gets its share, the revision that served most before gets the rest ({@link
   * TrafficSplit#afterDeploy}, over the service's revision names); the new revision comes first.
   */
  private static List<TrafficTarget> rollout(Service current, String serviceId, String revisionName, int percent) {
    Map<String, Integer> serving = new LinkedHashMap<>();
    for (TrafficTarget t : current.getTrafficList()) {
      String revision = revisionOf(current, t);
      if (revision != null && t.getPercent() > 0) {
        serving.merge(revision, t.getPercent(), Integer::sum);
      }
    }
    Map<String, Integer> split = TrafficSplit.afterDeploy(serving, revisionName, percent);
    List<TrafficTarget> traffic = new ArrayList<>();
    traffic.add(target(serviceId, revisionName, split.get(revisionName)));
    split.forEach((revision, share) -> {
      if (!revision.equals(revisionName)) {
        traffic.add(target(serviceId, revision, share));
      }
    });
    return traffic;
  }

  /** A target's revision; "latest" means the latest ready one. */
  private static String revisionOf(Service service, TrafficTarget target) {
    if (target.getType() == TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST) {
      return service.getLatestReadyRevision().isEmpty() ? null : service.getLatestReadyRevision().substring(service.getLatestReadyRevision().lastIndexOf('/') + 1);
    }
    return target.getRevision();
  }

  private static TrafficTarget target(String serviceId, String revisionName, int percent) {
    TrafficTarget.Builder target =
        TrafficTarget.newBuilder()
            .setType(TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION)
            .setRevision(revisionName)
            .setPercent(percent);
    String revisionId = CloudRunNames.revisionId(serviceId, revisionName);
    if (revisionId != null) {
      // a tag gives the revision its own URL (https://run-17---service-....run.app)
      target.setTag(revisionId);
    }
    return target.build();
  }

  private RevisionTemplate template(String revisionName, RevisionSpec revision) {
    if (!GcsLocation.isGcs(revision.modelUri())) {
      throw new IllegalArgumentException(
          "Cloud Run serves models from Cloud Storage: the model URI must be gs://..., got " + revision.modelUri()
              + " (set ARTIFACT_ROOT=gs://bucket/prefix)");
    }
    GcsLocation model = GcsLocation.parse(revision.modelUri());
    Container container =
        Container.newBuilder()
            .setName("model-server")
            .setImage(settings.modelServerImage())
            .addPorts(ContainerPort.newBuilder().setName("http1").setContainerPort(CONTAINER_PORT))
            .addEnv(EnvVar.newBuilder().setName("MODEL_PATH").setValue(MODELS_MOUNT + "/" + model.name()))
            .addEnv(EnvVar.newBuilder().setName("MODEL_NAME").setValue(revision.modelName()))
            .setResources(ResourceRequirements.newBuilder().putLimits("cpu", settings.cpu()).putLimits("memory", settings.memory()))
            .addVolumeMounts(VolumeMount.newBuilder().setName(MODELS_VOLUME).setMountPath(MODELS_MOUNT))
            .build();
    RevisionTemplate.Builder template =
        RevisionTemplate.newBuilder()
            .setRevision(revisionName)
            .putLabels("trainflow-run-id", Long.toString(revision.runId()))
            .putLabels("trainflow-model-version", Integer.toString(revision.modelVersion()))
            .setScaling(RevisionScaling.newBuilder().setMinInstanceCount(settings.minInstances()).setMaxInstanceCount(settings.maxInstances()))
            // Cloud Storage volume mounts need the second-generation execution environment
            .setExecutionEnvironment(ExecutionEnvironment.EXECUTION_ENVIRONMENT_GEN2)
            .addVolumes(Volume.newBuilder().setName(MODELS_VOLUME).setGcs(GCSVolumeSource.newBuilder().setBucket(model.bucket()).setReadOnly(true)))
            .addContainers(container);
    if (settings.serviceAccount() != null) {
      template.setServiceAccount(settings.serviceAccount());
    }
    return template.build();
  }

  private EndpointSnapshot update(String endpointName, String serviceId, Service current, Service desired) {
    // traffic is a split, not a sequence: the same targets in another order are the same split
    if (desired.getTemplate().equals(current.getTemplate())
        && java.util.Set.copyOf(desired.getTrafficList()).equals(java.util.Set.copyOf(current.getTrafficList()))) {
      return snapshot(endpointName, serviceId, current); // already so: a repeated call changes nothing
    }
    log.info("updating Cloud Run service {}: revision {}, traffic {}", serviceId, desired.getTemplate().getRevision(),
        desired.getTrafficList().stream().map(t -> t.getRevision() + "=" + t.getPercent()).toList());
    Service updated =
        await("update Cloud Run service " + serviceId, services.updateServiceAsync(UpdateServiceRequest.newBuilder().setService(desired).build()));
    return snapshot(endpointName, serviceId, updated);
  }

  private Service find(String serviceId) {
    try {
      return services.getService(settings.serviceName(serviceId));
    } catch (NotFoundException e) {
      return null;
    } catch (ApiException e) {
      throw failure("read Cloud Run service " + serviceId, e);
    }
  }

  private static EndpointSnapshot snapshot(String endpointName, String serviceId, Service service) {
    List<EndpointSnapshot.Revision> revisions = new ArrayList<>();
    if (service.getTrafficStatusesCount() > 0) {
      for (TrafficTargetStatus status : service.getTrafficStatusesList()) {
        revisions.add(new EndpointSnapshot.Revision(idOf(serviceId, status.getRevision()), status.getPercent(),
            status.getUri().isEmpty() ? null : status.getUri()));
      }
    } else {
      for (TrafficTarget target : service.getTrafficList()) {
        revisions.add(new EndpointSnapshot.Revision(idOf(serviceId, target.getRevision()), target.getPercent(), null));
      }
    }
    return new EndpointSnapshot(endpointName, service.getUri().isEmpty() ? null : service.getUri(), revisions);
  }

  private static String idOf(String serviceId, String revisionName) {
    String id = CloudRunNames.revisionId(serviceId, revisionName);
    return id != null ? id : revisionName;
  }

  private static <T> T await(String what, Future<T> operation) {
    try {
      return operation.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TrainingFailures.of(FailureReason.WORKER_LOST, "interrupted while waiting to " + what);
    } catch (ExecutionException e) {
      throw unwrap(what, e);
    }
  }

  private static RuntimeException unwrap(String what, ExecutionException e) {
    if (e.getCause() instanceof ApiException api) {
      return failure(what, api);
    }
    return TrainingFailures.of(FailureReason.INTERNAL, "cannot " + what + ": " + e.getCause(), e.getCause());
  }

  /** Cloud Run's errors as deploy failures: retryable when the service could not answer now. */
  static RuntimeException failure(String what, ApiException e) {
    FailureReason reason =
        switch (e.getStatusCode().getCode()) {
          case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, INTERNAL, RESOURCE_EXHAUSTED -> FailureReason.TRANSIENT_IO;
          case INVALID_ARGUMENT, FAILED_PRECONDITION, PERMISSION_DENIED, UNAUTHENTICATED, NOT_FOUND, ALREADY_EXISTS ->
              FailureReason.INVALID_CONFIG;
          default -> FailureReason.INTERNAL;
        };
    String hint =
        e.getStatusCode().getCode() == com.google.api.gax.rpc.StatusCode.Code.PERMISSION_DENIED
            ? " (the credentials need roles/run.admin and roles/iam.serviceAccountUser on the revision's service account)"
            : "";
    return TrainingFailures.of(reason, "cannot " + what + ": " + e.getStatusCode().getCode() + " " + e.getMessage() + hint, e);
  }

  /**
   * Closes the client it was given. Spring calls a bean's public {@code close()} when its context
   * closes, whatever type the bean method declares.
   */
  public void close() {
    services.close();
  }
}
