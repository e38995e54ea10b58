package dev.trainflow.api.quality;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.activities.quality.DataValidationReport;
import dev.trainflow.api.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A run's data-validation report, read from its artifact: written by the Schema stage whether the
 * checks passed or not, absent when the dataset has no gate or the run has not got that far.
 */
@RestController
class DataValidationController {
  private final TrainingRunRepository runs;
  private final ArtifactStore store;

  DataValidationController(TrainingRunRepository runs, ArtifactStore store) {
    this.runs = runs;
    this.store = store;
  }

  @GetMapping("/api/training-runs/{id}/data-validation")
  DataValidationReport report(@PathVariable long id) {
    runs.find(id).orElseThrow(() -> new NotFoundException("training run", id));
    String uri = store.uriOf(DataValidationReport.path(id));
    if (!store.exists(uri)) {
      throw new NotFoundException("data validation report of training run", id);
    }
    return JsonCodec.fromBytes(store.read(uri), DataValidationReport.class);
  }
}
