package dev.trainflow.api.runs;

import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ListResponse;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.RunKind;
import dev.trainflow.workflows.spec.SpecValidator;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Experiments (quick tests) are runs of kind {@code experiment}, created through {@code POST
 * /api/training-runs}; these endpoints list them and rank the completed ones for training.
 */
@RestController
@RequestMapping("/api/experiments")
class ExperimentController {
  private final RunService service;

  ExperimentController(RunService service) {
    this.service = service;
  }

  @GetMapping
  ListResponse<TrainingRunResponse> list(
      @RequestParam(required = false) String status,
      @RequestParam(name = "model_type", required = false) String modelType,
      @RequestParam(required = false) String search,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return TrainingRunResponse.page(service.list(status, modelType, search, RunKind.EXPERIMENT, page, size));
  }

  @GetMapping("/top-for-training")
  TopExperimentsResponse topForTraining(
      @RequestParam(name = "model_type", required = false) String modelType,
      @RequestParam(defaultValue = "5") int limit) {
    SpecValidator v = new SpecValidator();
    if (modelType == null) {
      v.reject("model_type", "is required; one of " + String.join(", ", ModelConfig.MODEL_TYPES));
    } else if (!ModelConfig.MODEL_TYPES.contains(modelType)) {
      v.reject("model_type", "'" + modelType + "' is not one of " + String.join(", ", ModelConfig.MODEL_TYPES));
    } else if (ModelConfig.TABULAR_TYPES.contains(modelType)) {
      // ranked by recall@100 or RMSE columns that tabular runs do not fill; their search is a tuning job
      v.reject("model_type", "'" + modelType + "' runs are compared by a tuning job (POST /api/tuning-jobs, objective e.g."
          + " cv_roc_auc); top-for-training ranks retrieval, ranking and multitask experiments");
    }
    if (limit < 1 || limit > 50) {
      v.reject("limit", "must be between 1 and 50, got " + limit);
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    List<TopExperimentView> items = new ArrayList<>();
    var top = service.topExperiments(modelType, limit);
    for (int i = 0; i < top.size(); i++) {
      items.add(TopExperimentView.of(i + 1, top.get(i)));
    }
    String metric = ModelConfig.RANKING.equals(modelType) ? "rmse" : "recall_at_100";
    return new TopExperimentsResponse(modelType, metric, EvaluatorConfig.lowerIsBetter(metric), items);
  }
}
