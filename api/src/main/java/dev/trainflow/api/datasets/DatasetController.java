package dev.trainflow.api.datasets;

import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.api.web.ListResponse;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.workflows.spec.DataValidationSpecValidator;
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
@RequestMapping("/api/datasets")
class DatasetController {
  private final DatasetRepository datasets;
  private final DatasetSourceCheck sourceCheck;
  private final JsonBodyReader json;

  DatasetController(DatasetRepository datasets, DatasetSourceCheck sourceCheck, JsonBodyReader json) {
    this.datasets = datasets;
    this.sourceCheck = sourceCheck;
    this.json = json;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  DatasetResponse create(@RequestBody(required = false) String body) {
    CreateDatasetRequest request = json.read(body, CreateDatasetRequest.class);
    SpecValidator v = new SpecValidator().name("name", request.name()).datasetSource("source", request.source());
    if (v.ok()) {
      sourceCheck.check("source", request.source()).forEach(e -> v.reject(e.field(), e.message()));
      DataValidationSpecValidator.check(
          v, "source.validation", request.source().validation(), DatasetColumns.of(request.source()));
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    return DatasetResponse.of(datasets.create(request.name(), request.description(), request.source()));
  }

  @GetMapping
  ListResponse<DatasetResponse> list() {
    return ListResponse.of(datasets.list().stream().map(DatasetResponse::of).toList());
  }

  @GetMapping("/{id}")
  DatasetResponse get(@PathVariable long id) {
    return datasets.find(id).map(DatasetResponse::of).orElseThrow(() -> new NotFoundException("dataset", id));
  }
}
