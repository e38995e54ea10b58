package dev.trainflow.api.configs;

import dev.trainflow.activities.persistence.FeatureConfigRepository;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.api.web.ListResponse;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.workflows.spec.SpecValidator;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/feature-configs")
class FeatureConfigController {
  private final FeatureConfigRepository configs;
  private final JsonBodyReader json;

  FeatureConfigController(FeatureConfigRepository configs, JsonBodyReader json) {
    this.configs = configs;
    this.json = json;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  FeatureConfigResponse create(@RequestBody(required = false) String body) {
    CreateFeatureConfigRequest request = json.read(body, CreateFeatureConfigRequest.class);
    // The config's fields sit at the top level of the request: no prefix.
    SpecValidator v = new SpecValidator().name("name", request.name()).featureConfig("", request.config());
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    return FeatureConfigResponse.of(configs.create(request.name(), request.description(), request.config()));
  }

  @GetMapping
  ListResponse<FeatureConfigResponse> list() {
    return ListResponse.of(configs.list().stream().map(FeatureConfigResponse::of).toList());
  }

  @GetMapping("/{id}")
  FeatureConfigResponse get(@PathVariable long id) {
    return configs.find(id).map(FeatureConfigResponse::of).orElseThrow(() -> new NotFoundException("feature config", id));
  }
}
