package dev.trainflow.activities.persistence;

import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import java.util.List;
import org.jooq.DSLContext;

/** Datasets, configs and runs to test repositories with. */
public final class PersistenceFixtures {
  private final DSLContext db;
  private int counter;

  public PersistenceFixtures(DSLContext db) {
    this.db = db;
  }

  StoredDataset dataset() {
    return new DatasetRepository(db).create("ds-" + unique(), "test data", DatasetSource.synthetic(100, 50, 1000, 1));
  }

  StoredFeatureConfig featureConfig() {
    return new FeatureConfigRepository(db)
        .create(
            "fc-" + unique(),
            null,
            new FeatureConfig(
                "customer_id",
                "product_id",
                List.of(new FeatureSpec(null, "customer_id", "string", "embedding", 32, null)),
                List.of(new FeatureSpec(null, "product_id", "string", "embedding", 32, null)),
                null));
  }

  StoredModelConfig modelConfig() {
    return new ModelConfigRepository(db)
        .create("mc-" + unique(), null, new ModelConfig("retrieval", 32, null, null, "adagrad", 0.1, false));
  }

  public NewRun newRun(String name, String mlModel) {
    return new NewRun(
        name,
        "a run named " + name,
        mlModel,
        "retrieval",
        dataset().id(),
        featureConfig().id(),
        modelConfig().id(),
        new TrainingParams(3, 1024, null, null, null, null, null, null, null, null),
        GpuConfig.cpu(),
        EvaluatorConfig.empty(),
        DeploymentConfig.registerOnly(),
        RunStatus.PENDING);
  }

  private String unique() {
    return Integer.toString(++counter) + "-" + System.nanoTime() % 100000;
  }
}
