package dev.trainflow.activities.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTests {
  @TempDir Path root;

  @Test
  void shouldDeleteARunsTreeButKeepTheNamedSubtreesAndNothingOutsideIt() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    for (String name : new String[] {"config.json", "examples/train.csv", "checkpoints/ckpt-1", "model/saved_model.pb", "model/variables/v"}) {
      store.write("runs/5/" + name, new byte[] {1});
    }
    store.write("runs/50/config.json", new byte[] {1});

    int deleted = store.deleteTree("runs/5", Set.of("model"));

    assertThat(deleted).isEqualTo(3);
    assertThat(root.resolve("runs/5/model/saved_model.pb")).exists();
    assertThat(root.resolve("runs/5/model/variables/v")).exists();
    assertThat(root.resolve("runs/5/examples")).doesNotExist();
    assertThat(root.resolve("runs/5/config.json")).doesNotExist();
    assertThat(root.resolve("runs/50/config.json")).exists();
    assertThat(store.deleteTree("runs/404", Set.of())).isZero();
  }

  @Test
  void shouldDeleteTheWholeTreeWhenNothingIsKept() {
    LocalArtifactStore store = new LocalArtifactStore(root);
    store.write("runs/6/a/b.txt", new byte[] {1});

    assertThat(store.deleteTree("runs/6", Set.of())).isEqualTo(1);
    assertThat(root.resolve("runs/6")).doesNotExist();
    assertThat(Files.exists(root.resolve("runs"))).isTrue();
  }
}
