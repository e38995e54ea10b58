package dev.trainflow.api.tuning;

import dev.trainflow.api.runs.RunTemplates;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.SpecValidator;
import dev.trainflow.workflows.spec.TrainingParams;
import dev.trainflow.workflows.tuning.ParameterRange;
import dev.trainflow.workflows.tuning.TrainingParamOverrides;
import dev.trainflow.workflows.tuning.TrialEarlyStopping;
import dev.trainflow.workflows.tuning.TuningObjective;
import dev.trainflow.workflows.tuning.TuningSpec;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Validates a tuning job request completely (every problem named by its field) and resolves it
 * into the base {@link RunTemplate} (exactly as a run request is resolved) and the {@link
 * TuningSpec}. Each numeric range's ends and each choice are applied to the base template's
 * {@code training_params} and validated as Compile would, so no trial can fail for a value the
 * request allowed.
 */
@Component
class TuningJobSpecs {
  static final Pattern METRIC = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
  static final int MAX_REDUCTION_FACTOR = 10;

  private final RunTemplates templates;
  private final SecureRandom seeds = new SecureRandom();

  TuningJobSpecs(RunTemplates templates) {
    this.templates = templates;
  }

  record Resolved(RunTemplate template, TuningSpec spec) {}

  Optional<Resolved> resolve(SpecValidator v, CreateTuningJobRequest r) {
    v.name("name", r.name());
    BaseRunRequest base = r.baseRun();
    String mlModel = base != null && base.name() != null ? base.name() : r.name();
    if (base != null && base.name() != null) {
      v.name("base_run.name", base.name());
    }
    Optional<RunTemplate> template = templates.resolve(v, "base_run", base == null ? null : base.template(), mlModel);
    int maxTrials = maxTrials(v, r.maxTrials());
    int parallelism = parallelism(v, r.parallelism(), maxTrials);
    String algorithm = r.algorithm() != null ? r.algorithm() : TuningSpec.TPE;
    if (!TuningSpec.ALGORITHMS.contains(algorithm)) {
      v.reject("algorithm", oneOf(algorithm, TuningSpec.ALGORITHMS));
    }
    objective(v, r.objective());
    earlyStopping(v, r.earlyStopping());
    if (r.startupTrials() != null && (r.startupTrials() < 1 || r.startupTrials() > TuningSpec.MAX_TRIALS)) {
      v.reject("startup_trials", "must be between 1 and " + TuningSpec.MAX_TRIALS + ", got " + r.startupTrials());
    }
    if (r.gamma() != null && (r.gamma().isNaN() || r.gamma() <= 0 || r.gamma() >= 1)) {
      v.reject("gamma", "must be above 0 and below 1, got " + r.gamma());
    }
    searchSpace(v, r.searchSpace(), template.map(RunTemplate::trainingParams).orElse(null));
    template.ifPresent(t -> fitsBaseRun(v, t, r.objective(), r.earlyStopping() != null));
    if (!v.ok()) {
      return Optional.empty();
    }
    long seed = r.seed() != null ? r.seed() : seeds.nextLong() & Long.MAX_VALUE;
    TrialEarlyStopping stopping =
        r.earlyStopping() == null
            ? null
            : new TrialEarlyStopping(r.earlyStopping().type(), r.earlyStopping().eta(), r.earlyStopping().firstRung());
    return Optional.of(
        new Resolved(
            template.orElseThrow(),
            new TuningSpec(
                new LinkedHashMap<>(r.searchSpace()), r.objective(), maxTrials, parallelism, algorithm, stopping, seed,
                r.startupTrials(), r.gamma())));
  }

  private static int maxTrials(SpecValidator v, Integer maxTrials) {
    if (maxTrials == null) {
      v.reject("max_trials", "is required: how many trials the job runs, 1 to " + TuningSpec.MAX_TRIALS);
      return 0;
    }
    if (maxTrials < 1 || maxTrials > TuningSpec.MAX_TRIALS) {
      v.reject("max_trials", "must be between 1 and " + TuningSpec.MAX_TRIALS + ", got " + maxTrials);
    }
    return maxTrials;
  }

  private static int parallelism(SpecValidator v, Integer parallelism, int maxTrials) {
    int value = parallelism != null ? parallelism : 1;
    if (value < 1) {
      v.reject("parallelism", "must be at least 1, got " + value);
    } else if (maxTrials >= 1 && value > maxTrials) {
      v.reject("parallelism", "must be at most max_trials (" + maxTrials + "), got " + value);
    }
    return value;
  }

  /**
   * The objective must be a metric the base run's model type reports (tabular runs also report
   * {@code cv_<metric>}), in its better direction; successive halving needs steps, which only
   * tabular runs with cross-validation report (their folds).
   */
  private static void fitsBaseRun(SpecValidator v, RunTemplate base, TuningObjective o, boolean halving) {
    String type = base.modelType();
    boolean tabular = ModelConfig.TABULAR_TYPES.contains(type);
    if (o != null && o.metric() != null && METRIC.matcher(o.metric()).matches()) {
      List<String> metrics = new ArrayList<>(EvaluatorConfig.metricsFor(type));
      if (tabular) {
        EvaluatorConfig.metricsFor(type).forEach(m -> metrics.add("cv_" + m));
      }
      String plain = o.metric().startsWith("cv_") ? o.metric().substring(3) : o.metric();
      if (!metrics.contains(o.metric())) {
        v.reject("objective.metric", "'" + o.metric() + "' is not a metric of a " + type + " run; one of " + String.join(", ", metrics));
      } else if (o.direction() != null && TuningObjective.DIRECTIONS.contains(o.direction())
          && EvaluatorConfig.lowerIsBetter(plain) == "maximize".equals(o.direction())) {
        v.reject("objective.direction", o.metric() + " is better " + (EvaluatorConfig.lowerIsBetter(plain) ? "lower: minimize it" : "higher: maximize it"));
      }
    }
    if (halving) {
      Integer folds = base.trainingParams() == null ? null : base.trainingParams().cvFolds();
      if (!tabular || folds == null || folds < 2) {
        v.reject("early_stopping", "successive halving compares trials at cross-validation folds: it needs a classification or"
            + " regression base run with training_params.cv_folds of 2 or more");
      }
    }
  }

  private static void objective(SpecValidator v, TuningObjective o) {
    if (o == null) {
      v.reject("objective", "is required: {\"metric\": ..., \"direction\": \"maximize\" or \"minimize\"}");
      return;
    }
    if (o.metric() == null || o.metric().isBlank()) {
      v.reject("objective.metric", "is required: the evaluation metric to optimize, such as roc_auc or rmse");
    } else if (!METRIC.matcher(o.metric()).matches()) {
      v.reject("objective.metric", "must be a metric name (lower case, digits, '_'), got '" + o.metric() + "'");
    }
    if (o.direction() == null) {
      v.reject("objective.direction", "is required: one of " + String.join(", ", TuningObjective.DIRECTIONS));
    } else if (!TuningObjective.DIRECTIONS.contains(o.direction())) {
      v.reject("objective.direction", oneOf(o.direction(), TuningObjective.DIRECTIONS));
    }
  }

  private static void earlyStopping(SpecValidator v, TrialEarlyStopping e) {
    if (e == null) {
      return;
    }
    if (!TrialEarlyStopping.SUCCESSIVE_HALVING.equals(e.type())) {
      v.reject("early_stopping.type", "'" + e.type() + "' is not one of " + TrialEarlyStopping.SUCCESSIVE_HALVING);
    }
    if (e.reductionFactor() != null && (e.reductionFactor() < 2 || e.reductionFactor() > MAX_REDUCTION_FACTOR)) {
      v.reject("early_stopping.reduction_factor", "must be between 2 and " + MAX_REDUCTION_FACTOR + ", got " + e.reductionFactor());
    }
    if (e.minSteps() != null && e.minSteps() < 1) {
      v.reject("early_stopping.min_steps", "must be at least 1, got " + e.minSteps());
    }
  }

  private static void searchSpace(SpecValidator v, Map<String, ParameterRange> space, TrainingParams base) {
    if (space == null || space.isEmpty()) {
      v.reject("search_space", "is required: at least one training_params field with its range");
      return;
    }
    Map<String, Class<?>> fields = TrainingParamOverrides.fields();
    space.forEach((name, range) -> {
      String field = "search_space." + name;
      Class<?> type = fields.get(name);
      if (type == null) {
        v.reject(field, "is not a field of training_params (one of " + String.join(", ", fields.keySet()) + ")");
        return;
      }
      if (range == null || range.type() == null) {
        v.reject(field + ".type", "is required: one of " + String.join(", ", ParameterRange.TYPES));
        return;
      }
      if (!ParameterRange.TYPES.contains(range.type())) {
        v.reject(field + ".type", oneOf(range.type(), ParameterRange.TYPES));
        return;
      }
      List<Object> candidates = range.categorical() ? choice(v, field, range) : numeric(v, field, name, type, range);
      if (base != null) {
        for (Object value : candidates) {
          applies(v, field, name, value, base);
        }
      }
    });
  }

  private static List<Object> choice(SpecValidator v, String field, ParameterRange range) {
    if (range.min() != null || range.max() != null) {
      v.reject(field, "a choice takes values, not min and max");
    }
    if (range.values() == null || range.values().isEmpty()) {
      v.reject(field + ".values", "is required: at least one value to choose from");
      return List.of();
    }
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < range.values().size(); i++) {
      Object value = range.values().get(i);
      if (value == null || value instanceof Map || value instanceof List) {
        v.reject(field + ".values[" + i + "]", "must be a string, number or boolean");
      } else {
        values.add(value);
      }
    }
    return values;
  }

  private static List<Object> numeric(SpecValidator v, String field, String name, Class<?> type, ParameterRange range) {
    if (range.values() != null) {
      v.reject(field + ".values", "applies to a choice only; a " + range.type() + " range takes min and max");
    }
    if (!TrainingParamOverrides.numeric(type)) {
      v.reject(field + ".type", "training_params." + name + " is not a number: search it with a choice");
      return List.of();
    }
    boolean integer = ParameterRange.INT.equals(range.type());
    if (!integer && !TrainingParamOverrides.decimal(type)) {
      v.reject(field + ".type", "training_params." + name + " takes whole numbers: search it with an int range");
      return List.of();
    }
    Double min = range.min();
    Double max = range.max();
    boolean ok = true;
    for (var end : List.of(Map.entry("min", Optional.ofNullable(min)), Map.entry("max", Optional.ofNullable(max)))) {
      Double value = end.getValue().orElse(null);
      if (value == null) {
        v.reject(field + "." + end.getKey(), "is required for a " + range.type() + " range");
        ok = false;
      } else if (value.isNaN() || value.isInfinite()) {
        v.reject(field + "." + end.getKey(), "must be a finite number, got " + value);
        ok = false;
      } else if (integer && value != Math.rint(value)) {
        v.reject(field + "." + end.getKey(), "must be a whole number for an int range, got " + value);
        ok = false;
      }
    }
    if (!ok) {
      return List.of();
    }
    if (min >= max) {
      v.reject(field, "min must be below max, got min " + min + " and max " + max);
      return List.of();
    }
    if (ParameterRange.LOG_UNIFORM.equals(range.type()) && min <= 0) {
      v.reject(field + ".min", "must be above 0 for a log_uniform range, got " + min);
      return List.of();
    }
    if (integer) {
      return List.of((int) Math.round(min), (int) Math.round(max));
    }
    return List.of(min, max);
  }

  /** The value set on the base params passes the checks Compile applies, or the field is named. */
  private static void applies(SpecValidator v, String field, String name, Object value, TrainingParams base) {
    TrainingParams applied;
    try {
      applied = TrainingParamOverrides.apply(base, Map.of(name, value));
    } catch (IllegalArgumentException e) {
      v.reject(field, "training_params." + name + " cannot take " + value);
      return;
    }
    SpecValidator check = new SpecValidator().trainingParams("training_params", applied);
    check.errors().forEach(e -> v.reject(field, "with " + name + " = " + value + ": " + e.field() + " " + e.message()));
  }

  private static String oneOf(String value, List<String> allowed) {
    return "'" + value + "' is not one of " + String.join(", ", allowed);
  }
}
