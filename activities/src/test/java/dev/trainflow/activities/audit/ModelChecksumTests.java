package dev.trainflow.activities.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChecksumTests {
  @TempDir Path root;

  @Test
  void shouldGiveEqualFoldersEqualChecksumsAndChangeWithAnyByte() {
    LocalArtifactStore store = new LocalArtifactStore(root);
    store.write("a/model/weights.bin", bytes("weights"));
    store.write("a/model/model.json", bytes("{}"));
    store.write("b/model/model.json", bytes("{}"));
    store.write("b/model/weights.bin", bytes("weights"));
    store.write("c/model/model.json", bytes("{}"));
    store.write("c/model/weights.bin", bytes("weightz"));

    String a = ModelChecksum.of(store, store.uriOf("a/model"));

    assertThat(a).hasSize(64).isEqualTo(ModelChecksum.of(store, store.uriOf("b/model")));
    assertThat(ModelChecksum.of(store, store.uriOf("c/model"))).isNotEqualTo(a);
    // a single file's checksum is what sha256sum prints
    assertThat(ModelChecksum.of(store, store.uriOf("a/model/model.json")))
        .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
