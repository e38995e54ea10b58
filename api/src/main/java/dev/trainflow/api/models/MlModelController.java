package dev.trainflow.api.models;

import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.api.web.NotFoundException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** ML models: clearing the block that three failed runs in a day put on one. */
@RestController
@RequestMapping("/api/ml-models")
class MlModelController {
  private final TrainingRunRepository runs;

  MlModelController(TrainingRunRepository runs) {
    this.runs = runs;
  }

  @PostMapping("/{name}/clear-block")
  BlockResponse clearBlock(@PathVariable String name) {
    if (!runs.clearBlock(name)) {
      throw new NotFoundException("ml model", name);
    }
    return new BlockResponse(name, runs.blockedByFailures(name, FailureBlock.FAILURES));
  }

  record BlockResponse(String mlModelName, boolean blocked) {}
}
