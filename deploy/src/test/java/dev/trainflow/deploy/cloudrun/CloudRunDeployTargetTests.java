package dev.trainflow.deploy.cloudrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.cloud.run.v2.Container;
import com.google.cloud.run.v2.EnvVar;
import com.google.cloud.run.v2.ExecutionEnvironment;
import com.google.cloud.run.v2.RevisionTemplate;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.TrafficTarget;
import com.google.cloud.run.v2.TrafficTargetAllocationType;
import dev.trainflow.deploy.endpoint.EndpointSnapshot;
import dev.trainflow.deploy.endpoint.RevisionSpec;
import io.grpc.Status;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Cloud Run deploy target through the real ServicesClient against an in-process gRPC fake of
 * the Cloud Run Admin API v2 (services and their long-running operations).
 */
class CloudRunDeployTargetTests {
  private static final String IMAGE = "us-central1-docker.pkg.dev/p/trainflow/model-server:1";
  private static final String SERVICE = "projects/test-project/locations/us-central1/services/recs";

  private FakeCloudRun cloudRun;
  private ServicesClient services;
  private CloudRunDeployTarget target;

  @BeforeEach
  void start() throws Exception {
    cloudRun = new FakeCloudRun();
    CloudRunSettings settings =
        CloudRunSettings.fromEnv(
            Map.of("GCP_PROJECT", "test-project", "GCP_REGION", "us-central1", "MODEL_SERVER_IMAGE", IMAGE,
                "CLOUD_RUN_MEMORY", "1Gi", "CLOUD_RUN_CPU", "2", "CLOUD_RUN_MIN_INSTANCES", "1", "CLOUD_RUN_MAX_INSTANCES", "4",
                "CLOUD_RUN_SERVICE_ACCOUNT", "serving@test-project.iam.gserviceaccount.com",
                "CLOUD_RUN_ENDPOINT", cloudRun.endpoint(), "CLOUD_RUN_POLL_MILLIS", "10"));
    services = CloudRunClients.services(settings);
    target = new CloudRunDeployTarget(services, settings);
  }

  @AfterEach
  void stop() {
    target.close();
    assertThat(services.isShutdown()).isTrue();
    cloudRun.close();
  }

  private static RevisionSpec revision(long runId) {
    return new RevisionSpec(RevisionSpec.idFor(runId), runId, "recs", (int) runId - 10,
        "gs://tf-artifacts/trainflow/runs/" + runId + "/model");
  }

  @Test
  void shouldCreateTheServiceWithTheModelServerReadingTheModelFromTheBucket() {
    EndpointSnapshot snapshot = target.deploy("recs", revision(17), 100);

    assertThat(cloudRun.creates).hasSize(1);
    assertThat(cloudRun.creates.get(0).getParent()).isEqualTo("projects/test-project/locations/us-central1");
    assertThat(cloudRun.creates.get(0).getServiceId()).isEqualTo("recs");
    Service sent = cloudRun.creates.get(0).getService();
    RevisionTemplate template = sent.getTemplate();
    assertThat(template.getRevision()).isEqualTo("recs-run-17");
    assertThat(template.getScaling().getMinInstanceCount()).isEqualTo(1);
    assertThat(template.getScaling().getMaxInstanceCount()).isEqualTo(4);
    assertThat(template.getServiceAccount()).isEqualTo("serving@test-project.iam.gserviceaccount.com");
    assertThat(template.getExecutionEnvironment()).isEqualTo(ExecutionEnvironment.EXECUTION_ENVIRONMENT_GEN2);
    assertThat(template.getVolumesList()).singleElement().satisfies(v -> {
      assertThat(v.getName()).isEqualTo("models");
      assertThat(v.getGcs().getBucket()).isEqualTo("tf-artifacts");
      assertThat(v.getGcs().getReadOnly()).isTrue();
    });
    Container container = template.getContainers(0);
    assertThat(container.getImage()).isEqualTo(IMAGE);
    assertThat(container.getEnvList())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(tuple("MODEL_PATH", "/models/trainflow/runs/17/model"), tuple("MODEL_NAME", "recs"));
    assertThat(container.getPorts(0).getContainerPort()).isEqualTo(8080);
    assertThat(container.getResources().getLimitsMap()).containsEntry("cpu", "2").containsEntry("memory", "1Gi");
    assertThat(container.getVolumeMounts(0).getName()).isEqualTo("models");
    assertThat(container.getVolumeMounts(0).getMountPath()).isEqualTo("/models");
    assertThat(sent.getTrafficList()).containsExactly(revisionTarget("recs-run-17", 100, "run-17"));
    // the client waited for the operation: it polled it and read the service it produced
    assertThat(cloudRun.operations.polls).hasSize(1);
    assertThat(snapshot.url()).isEqualTo("https://recs-abc123-uc.a.run.app");
    assertThat(snapshot.revisions()).containsExactly(
        new EndpointSnapshot.Revision("run-17", 100, "https://run-17---recs-abc123-uc.a.run.app"));
  }

  @Test
  void shouldRollOutASecondRevisionGraduallyThenPromoteItAndRollBack() {
    target.deploy("recs", revision(17), 100);

    EndpointSnapshot split = target.deploy("recs", revision(18), 50);

    assertThat(cloudRun.updates).hasSize(1);
    Service sent = cloudRun.updates.get(0).getService();
    assertThat(sent.getName()).isEqualTo(SERVICE);
    assertThat(sent.getTemplate().getRevision()).isEqualTo("recs-run-18");
    assertThat(sent.getTemplate().getContainers(0).getEnvList()).contains(env("MODEL_PATH", "/models/trainflow/runs/18/model"));
    assertThat(sent.getTrafficList())
        .containsExactly(revisionTarget("recs-run-18", 50, "run-18"), revisionTarget("recs-run-17", 50, "run-17"));
    assertThat(split.revisions()).extracting(EndpointSnapshot.Revision::revisionId, EndpointSnapshot.Revision::trafficPercent)
        .containsExactly(tuple("run-18", 50), tuple("run-17", 50));

    Map<String, Integer> rollback = new LinkedHashMap<>();
    rollback.put("run-17", 100);
    rollback.put("run-18", 0);
    EndpointSnapshot back = target.setTraffic("recs", rollback);

    assertThat(cloudRun.updates).hasSize(2);
    Service rolledBack = cloudRun.updates.get(1).getService();
    assertThat(rolledBack.getTemplate().getRevision()).isEqualTo("recs-run-18"); // no new revision for a traffic change
    assertThat(rolledBack.getTrafficList()).containsExactly(revisionTarget("recs-run-17", 100, "run-17"));
    assertThat(back.revisions()).containsExactly(new EndpointSnapshot.Revision("run-17", 100, "https://run-17---recs-abc123-uc.a.run.app"));
  }

  @Test
  void shouldChangeNothingWhenTheSameRevisionIsDeployedAgain() {
    target.deploy("recs", revision(17), 100);
    target.deploy("recs", revision(18), 30);
    Service before = cloudRun.service(SERVICE);

    EndpointSnapshot again = target.deploy("recs", revision(18), 30);

    assertThat(cloudRun.creates).hasSize(1);
    assertThat(cloudRun.updates).hasSize(1);
    assertThat(cloudRun.service(SERVICE)).isEqualTo(before);
    assertThat(again.revisions()).extracting(EndpointSnapshot.Revision::revisionId, EndpointSnapshot.Revision::trafficPercent)
        .containsExactly(tuple("run-18", 30), tuple("run-17", 70));
    assertThat(target.setTraffic("recs", Map.of("run-18", 30, "run-17", 70)).revisions()).hasSize(2);
    assertThat(cloudRun.updates).hasSize(1);
  }

  @Test
  void shouldSendAllTrafficToANewRevisionDeployedAtFullShare() {
    target.deploy("recs", revision(17), 100);
    target.deploy("recs", revision(18), 50);

    target.deploy("recs", revision(19), 100);

    assertThat(cloudRun.updates.get(1).getService().getTrafficList()).containsExactly(revisionTarget("recs-run-19", 100, "run-19"));
  }

  @Test
  void shouldFoldAnEndpointNameIntoAServiceId() {
    target.deploy("Recs_EU 2026!", revision(17), 100);

    assertThat(cloudRun.creates.get(0).getServiceId()).isEqualTo("recs-eu-2026");
    assertThat(cloudRun.creates.get(0).getService().getTemplate().getRevision()).isEqualTo("recs-eu-2026-run-17");
    assertThat(CloudRunNames.serviceId("2026 recs")).isEqualTo("ep-2026-recs");
    assertThat(CloudRunNames.serviceId("x".repeat(80))).hasSize(49);
  }

  @Test
  void shouldDeleteTheServiceAndAcceptOneThatIsGone() {
    target.deploy("recs", revision(17), 100);

    target.undeploy("recs");
    target.undeploy("recs");

    assertThat(cloudRun.deletes).containsExactly(SERVICE, SERVICE);
    assertThat(cloudRun.service(SERVICE)).isNull();
  }

  @Test
  void shouldRefuseBadTrafficAndLocalModelsBeforeCallingCloudRun() {
    assertThatThrownBy(() -> target.setTraffic("recs", Map.of("run-17", 60, "run-18", 30)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 100");
    assertThatThrownBy(() -> target.deploy("recs", revision(17), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("traffic_split_percent");
    assertThatThrownBy(() -> target.deploy("recs", new RevisionSpec("run-1", 1, "recs", 1, "file:/data/runs/1/model"), 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be gs://");
    assertThatThrownBy(() -> target.setTraffic("nothing", Map.of("run-1", 100)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Cloud Run service");
    assertThat(cloudRun.creates).isEmpty();
    assertThat(cloudRun.updates).isEmpty();
  }

  @Test
  void shouldReportAnOperationThatFailedAndAnUnavailableService() {
    target.deploy("recs", revision(17), 100);

    // a rollback to a revision Cloud Run never had: the operation fails
    assertThatThrownBy(() -> target.setTraffic("recs", Map.of("run-5", 100)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo("invalid_config");
          assertThat(f.getOriginalMessage()).contains("Revision named 'recs-run-5' does not exist");
        });

    cloudRun.failNextCall(Status.UNAVAILABLE.withDescription("try again"));
    assertThatThrownBy(() -> target.deploy("recs", revision(18), 100))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo("transient_io");
          assertThat(f.isNonRetryable()).isFalse();
        });
  }

  @Test
  void shouldNameMissingSettings() {
    assertThatThrownBy(() -> CloudRunSettings.fromEnv(Map.of("GCP_PROJECT", "p", "GCP_REGION", "r")))
        .hasMessageContaining("MODEL_SERVER_IMAGE is required");
    assertThatThrownBy(() -> CloudRunSettings.fromEnv(
            Map.of("GCP_PROJECT", "p", "GCP_REGION", "r", "MODEL_SERVER_IMAGE", "i", "CLOUD_RUN_MAX_INSTANCES", "lots")))
        .hasMessageContaining("CLOUD_RUN_MAX_INSTANCES=lots");
    assertThat(CloudRunSettings.fromEnv(Map.of("GCP_PROJECT", "p", "GCP_REGION", "r", "MODEL_SERVER_IMAGE", "i")))
        .satisfies(s -> {
          assertThat(s.memory()).isEqualTo("2Gi");
          assertThat(s.minInstances()).isZero();
          assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        });
  }

  private static TrafficTarget revisionTarget(String revision, int percent, String tag) {
    return TrafficTarget.newBuilder()
        .setType(TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION)
        .setRevision(revision)
        .setPercent(percent)
        .setTag(tag)
        .build();
  }

  private static EnvVar env(String name, String value) {
    return EnvVar.newBuilder().setName(name).setValue(value).build();
  }
}
