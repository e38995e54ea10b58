package dev.trainflow.api.demo;

/** The churn demo's request bodies (issue 9): what a newcomer would send by hand. */
final class ChurnRequests {
  private ChurnRequests() {}

  static final String DATASET =
      """
      {"name": "demo-churn",
       "description": "synthetic telecom customers with a learnable churn relation",
       "source": {"type": "synthetic_churn", "rows": 3000, "seed": 3}}
      """;

  static final String FEATURE_CONFIG =
      """
      {"name": "demo-churn-features", "label_column": "churn", "ignored_columns": ["customer_id"]}
      """;

  static final String MODEL_CONFIG =
      """
      {"name": "demo-churn-xgboost", "model_type": "classification", "trainer": "xgboost"}
      """;

  /** A deliberately small base model (8 stumps) with CV and two gates: room for the tuning job. */
  static String baseRun(long datasetId, long featureConfigId, long modelConfigId, String mlModelName) {
    return """
        {"dataset_id": %d, "feature_config_id": %d, "model_config_id": %d, "ml_model_name": "%s",
         "training_params": {"cv_folds": 3, "num_trees": 8, "max_depth": 1, "learning_rate": 0.05, "seed": 3},
         "evaluator_config": {"thresholds": {"min_auc_roc": 0.6, "min_accuracy": 0.6}}}
        """
        .formatted(datasetId, featureConfigId, modelConfigId, mlModelName);
  }

  static String named(String name, String body) {
    return body.replaceFirst("\\{", "{\"name\": \"" + name + "\", ");
  }

  static String tuningJob(String name, String baseRun) {
    return """
        {"name": "%s", "seed": 11, "base_run": %s,
         "search_space": {
           "num_trees": {"type": "int", "min": 20, "max": 120},
           "max_depth": {"type": "int", "min": 2, "max": 5},
           "learning_rate": {"type": "log_uniform", "min": 0.03, "max": 0.3},
           "min_child_weight": {"type": "uniform", "min": 1, "max": 8}},
         "objective": {"metric": "cv_roc_auc", "direction": "maximize"},
         "max_trials": 6, "parallelism": 3, "algorithm": "tpe",
         "early_stopping": {"type": "successive_halving", "reduction_factor": 3, "min_steps": 1}}
        """
        .formatted(name, baseRun);
  }

  static String toProductionNewEndpoint(String endpointName) {
    return """
        {"stage": "production", "reason": "first churn model", "deploy": {"endpoint_name": "%s"}}
        """
        .formatted(endpointName);
  }

  static final String TO_STAGING = """
      {"stage": "staging", "reason": "tuned"}
      """;

  static String toProductionOnEndpoint(long endpointId) {
    return """
        {"stage": "production", "reason": "tuned", "deploy": {"endpoint_id": "%d", "traffic_split_percent": 100}}
        """
        .formatted(endpointId);
  }

  /** A likely churner (new, month-to-month, many support calls) and a loyal customer. */
  static final String PREDICT =
      """
      {"instances": [
        {"tenure_months": 2, "monthly_charges": 95.5, "total_charges": 191.0, "contract_type": "month_to_month",
         "payment_method": "electronic_check", "support_calls": 5},
        {"tenure_months": 60, "monthly_charges": 25.0, "total_charges": 1500.0, "contract_type": "two_year",
         "payment_method": "credit_card", "support_calls": 0}]}
      """;
}
