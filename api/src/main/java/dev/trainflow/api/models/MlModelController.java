package dev.trainflow.api.models;

import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.activities.persistence.RegistryEntry;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import dev.trainflow.api.web.NotFoundException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** ML models: their registered versions, and clearing the block that three failed runs put on one. */
@RestController
@RequestMapping("/api/ml-models")
class MlModelController {
  private final TrainingRunRepository runs;
  private final ModelRegistryRepository registry;

  MlModelController(TrainingRunRepository runs, ModelRegistryRepository registry) {
    this.runs = runs;
    this.registry = registry;
  }

  @GetMapping("/{name}")
  MlModelResponse get(@PathVariable String name) {
    long id = runs.mlModelId(name).orElseThrow(() -> new NotFoundException("ml model", name));
    return new MlModelResponse(name, runs.blockedByFailures(name, FailureBlock.FAILURES), registry.listByModel(id));
  }

  record MlModelResponse(String name, boolean blocked, List<RegistryEntry> versions) {}

  @PostMapping("/{name}/clear-block")
  BlockResponse clearBlock(@PathVariable String name) {
    if (!runs.clearBlock(name)) {
      throw new NotFoundException("ml model", name);
    }
    return new BlockResponse(name, runs.blockedByFailures(name, FailureBlock.FAILURES));
  }

  record BlockResponse(String mlModelName, boolean blocked) {}
}
