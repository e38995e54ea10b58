package dev.trainflow.api.endpoints;

import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.api.web.ListResponse;
import dev.trainflow.deploy.endpoint.EndpointManager;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints: list, inspect, set traffic, roll back, undeploy. Deploying is on the run. */
@RestController
@RequestMapping("/api/endpoints")
class EndpointController {
  private final EndpointManager endpoints;
  private final JsonBodyReader json;

  EndpointController(EndpointManager endpoints, JsonBodyReader json) {
    this.endpoints = endpoints;
    this.json = json;
  }

  @GetMapping
  ListResponse<EndpointView> list(@RequestParam(name = "include_undeployed", defaultValue = "false") boolean all) {
    return ListResponse.of(EndpointView.of(endpoints.list(all)));
  }

  @GetMapping("/{id}")
  EndpointView get(@PathVariable long id) {
    return EndpointView.of(EndpointErrors.answer("id", () -> endpoints.find(id)));
  }

  @PutMapping("/{id}/traffic")
  EndpointView traffic(@PathVariable long id, @RequestBody(required = false) String body) {
    TrafficRequest request = json.read(body, TrafficRequest.class);
    return EndpointView.of(EndpointErrors.answer("split", () -> endpoints.setTraffic(id, request.split())));
  }

  /** All traffic back to the revision deployed before the newest one serving. */
  @PostMapping("/{id}/rollback")
  EndpointView rollback(@PathVariable long id) {
    return EndpointView.of(EndpointErrors.answer("id", () -> endpoints.rollback(id)));
  }

  @DeleteMapping("/{id}")
  EndpointView undeploy(@PathVariable long id) {
    return EndpointView.of(EndpointErrors.answer("id", () -> endpoints.undeploy(id)));
  }
}
