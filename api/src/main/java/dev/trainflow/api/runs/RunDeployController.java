package dev.trainflow.api.runs;

import dev.trainflow.api.endpoints.DeployRunRequest;
import dev.trainflow.api.endpoints.EndpointView;
import dev.trainflow.api.web.JsonBodyReader;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RunDeployController {
  private final RunDeployment deployment;
  private final JsonBodyReader json;

  RunDeployController(RunDeployment deployment, JsonBodyReader json) {
    this.deployment = deployment;
    this.json = json;
  }

  /** Deploys the run's model; repeating the same request changes nothing more. */
  @PostMapping("/api/training-runs/{id}/deploy")
  EndpointView deploy(@PathVariable long id, @RequestBody(required = false) String body) {
    DeployRunRequest request =
        body == null || body.isBlank()
            ? new DeployRunRequest(null, null, null, null)
            : json.read(body, DeployRunRequest.class);
    return EndpointView.of(deployment.deploy(id, request));
  }
}
