package dev.trainflow.api.demo;

/** The demo's request bodies: what a newcomer would send by hand. */
final class DemoRequests {
  private DemoRequests() {}

  static final String DATASET =
      """
      {"name": "demo-synthetic",
       "description": "B2B customers, products and purchases with latent structure",
       "source": {"type": "synthetic", "customers": 2000, "products": 500, "interactions": 50000, "seed": 7}}
      """;

  static final String FEATURE_CONFIG =
      """
      {"name": "demo-features",
       "query_id_column": "customer_id",
       "candidate_id_column": "product_id",
       "query_features": [
         {"column": "customer_id", "type": "string", "transform": "embedding", "embedding_dim": 32},
         {"column": "city", "type": "string", "transform": "embedding", "embedding_dim": 8},
         {"column": "segment", "type": "string", "transform": "embedding", "embedding_dim": 8},
         {"column": "revenue", "type": "float", "transform": "normalize"}],
       "candidate_features": [
         {"column": "product_id", "type": "string", "transform": "embedding", "embedding_dim": 32},
         {"column": "category", "type": "string", "transform": "embedding", "embedding_dim": 8}]}
      """;

  static final String MODEL_CONFIG =
      """
      {"name": "demo-two-tower", "model_type": "retrieval", "embedding_dim": 32,
       "optimizer": "adagrad", "learning_rate": 0.1}
      """;

  static String run(long datasetId, long featureConfigId, long modelConfigId) {
    return """
        {"name": "demo-run", "ml_model_name": "demo-recommender",
         "dataset_id": %d, "feature_config_id": %d, "model_config_id": %d,
         "training_params": {"epochs": 3, "batch_size": 1024},
         "evaluator_config": {"metric": "recall_at_100", "blessing_threshold": 0.3, "push_anyway_timeout_hours": 0},
         "deployment_config": {"action": "deploy_new", "endpoint_name": "demo-recommender"}}
        """
        .formatted(datasetId, featureConfigId, modelConfigId);
  }

  /** The seed's client request: raw features, many instances, one of them a customer never seen. */
  static final String PREDICT =
      """
      {"instances": [
        {"customer_id": "C00001", "city": "warsaw", "revenue": 5000000.0, "segment": "enterprise"},
        {"customer_id": "C00042", "city": "berlin", "revenue": 250000.0, "segment": "smb"},
        {"customer_id": "CUST123", "city": "warsaw", "revenue": 5000.0, "segment": "enterprise"}]}
      """;
}
