package dev.trainflow.api.configs;

import dev.trainflow.activities.persistence.ModelConfigRepository;
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
@RequestMapping("/api/model-configs")
class ModelConfigController {
  private final ModelConfigRepository configs;
  private final JsonBodyReader json;

  ModelConfigController(ModelConfigRepository configs, JsonBodyReader json) {
    this.configs = configs;
    this.json = json;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ModelConfigResponse create(@RequestBody(required = false) String body) {
    CreateModelConfigRequest request = json.read(body, CreateModelConfigRequest.class);
    // The config's fields sit at the top level of the request: no prefix.
    SpecValidator v = new SpecValidator().name("name", request.name()).modelConfig("", request.config());
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    return ModelConfigResponse.of(configs.create(request.name(), request.description(), request.config()));
  }

  @GetMapping
  ListResponse<ModelConfigResponse> list() {
    return ListResponse.of(configs.list().stream().map(ModelConfigResponse::of).toList());
  }

  @GetMapping("/{id}")
  ModelConfigResponse get(@PathVariable long id) {
    return configs.find(id).map(ModelConfigResponse::of).orElseThrow(() -> new NotFoundException("model config", id));
  }
}
