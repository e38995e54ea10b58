package dev.trainflow.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunArtifactsTests {
  @TempDir Path root;

  @Test
  void shouldDeleteARunsFilesButKeepItsRegisteredModel() {
    LocalArtifactStore store = new LocalArtifactStore(root);
    for (String name : new String[] {"config.json", "examples/train.csv", "checkpoints/epoch-1/w.bin", "model/saved_model/saved_model.pb", "logs/train-attempt-1.jsonl"}) {
      store.write("runs/7/" + name, new byte[] {1});
    }
    store.write("runs/70/config.json", new byte[] {1});
    String modelUri = store.uriOf("runs/7/model");

    int deleted = new RunArtifacts(store, runId -> runId == 7 ? Optional.of(modelUri) : Optional.empty()).delete(7);

    assertThat(deleted).isEqualTo(4);
    assertThat(root.resolve("runs/7/model/saved_model/saved_model.pb")).exists();
    assertThat(root.resolve("runs/7/checkpoints")).doesNotExist();
    assertThat(root.resolve("runs/7/config.json")).doesNotExist();
    assertThat(root.resolve("runs/70/config.json")).exists();
  }

  @Test
  void shouldDeleteEverythingOfAnUnregisteredRunAndAcceptOneWithoutFiles() {
    LocalArtifactStore store = new LocalArtifactStore(root);
    store.write("runs/8/model/saved_model.pb", new byte[] {1});
    RunArtifacts artifacts = new RunArtifacts(store, runId -> Optional.empty());

    assertThat(artifacts.delete(8)).isEqualTo(1);
    assertThat(root.resolve("runs/8")).doesNotExist();
    assertThat(artifacts.delete(9)).isZero();
  }
}
