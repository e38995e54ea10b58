package dev.trainflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.activities.DeploymentRequest;
import dev.trainflow.workflows.activities.DeploymentResult;
import dev.trainflow.workflows.activities.RegistrationResult;
import dev.trainflow.workflows.spec.DeploymentConfig;
import org.junit.jupiter.api.Test;

class DeployActivitiesImplTests {
  private final DeployActivitiesImpl deploy = new DeployActivitiesImpl(null);
  private final RegistrationResult registration = new RegistrationResult(5, 3, "file:/models/5");

  @Test
  void shouldRecordRegisterOnlyWithoutAnEndpoint() {
    DeploymentResult result =
        deploy.deployModel(new DeploymentRequest(1, "recs", new DeploymentConfig(null, null, null, null), registration));

    assertThat(result.action()).isEqualTo("register_only");
    assertThat(result.status()).isEqualTo("registered");
    assertThat(result.endpointId()).isNull();
    assertThat(result.message()).contains("version 3");
  }
}
