package dev.trainflow.activities.artifacts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.trainflow.activities.artifacts.FakeGcsServer.Request;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cloud Storage artifact store driven through the real google-cloud-storage client against an
 * in-process fake of the JSON API: the requests it sends and how it reads the answers.
 */
class GcsArtifactStoreTests {
  private static final String BUCKET = "tf-artifacts";

  @TempDir Path tmp;

  private FakeGcsServer gcs;
  private Storage storage;
  private GcsArtifactStore store;

  @BeforeEach
  void start() throws IOException {
    gcs = new FakeGcsServer(2).bucket(BUCKET, "us-central1"); // 2 objects a page: listing must follow pages
    storage =
        StorageOptions.newBuilder()
            .setHost(gcs.endpoint())
            .setProjectId("test-project")
            .setCredentials(NoCredentials.getInstance())
            // two attempts keep the failure tests short; the client's own retry is still exercised
            .setRetrySettings(
                RetrySettings.newBuilder()
                    .setMaxAttempts(2)
                    .setInitialRetryDelayDuration(Duration.ofMillis(10))
                    .setMaxRetryDelayDuration(Duration.ofMillis(10))
                    .setTotalTimeoutDuration(Duration.ofSeconds(30))
                    .build())
            .build()
            .getService();
    store = new GcsArtifactStore(storage, "gs://" + BUCKET + "/trainflow/", 1024);
  }

  @AfterEach
  void stop() throws Exception {
    storage.close();
    gcs.close();
  }

  @Test
  void shouldWriteOneObjectInOneMultipartRequestUnderTheRootPrefix() {
    String uri = store.write("runs/17/config.json", "{\"a\":1}".getBytes(UTF_8));

    assertThat(uri).isEqualTo("gs://tf-artifacts/trainflow/runs/17/config.json");
    assertThat(gcs.object(BUCKET, "trainflow/runs/17/config.json")).asString(UTF_8).isEqualTo("{\"a\":1}");
    List<Request> sent = gcs.requests();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).method()).isEqualTo("POST");
    assertThat(sent.get(0).path()).isEqualTo("/upload/storage/v1/b/tf-artifacts/o");
    assertThat(sent.get(0).param("uploadType")).isEqualTo("multipart");
  }

  @Test
  void shouldReadBackWhatItWroteByUriAndByRelativePath() {
    String uri = store.write("runs/17/vocab/city.txt", "Warsaw\nBerlin\n".getBytes(UTF_8));
    gcs.clearRequests();

    assertThat(store.read(uri)).asString(UTF_8).isEqualTo("Warsaw\nBerlin\n");
    assertThat(store.read("runs/17/vocab/city.txt")).asString(UTF_8).isEqualTo("Warsaw\nBerlin\n");
    assertThat(gcs.requests())
        .filteredOn(Request::isMediaRead)
        .extracting(Request::path)
        .containsOnly("/download/storage/v1/b/tf-artifacts/o/trainflow/runs/17/vocab/city.txt");
  }

  @Test
  void shouldUploadAFolderTreeKeepingRelativeNamesAndUseResumableUploadsForLargeFiles() throws IOException {
    Path model = tmp.resolve("model");
    Files.createDirectories(model.resolve("variables"));
    Files.writeString(model.resolve("saved_model.pb"), "graph");
    byte[] big = new byte[5000]; // over the store's 1 KiB single-request limit
    new Random(7).nextBytes(big);
    Files.write(model.resolve("variables/variables.data-00000-of-00001"), big);
    Files.writeString(model.resolve("variables/variables.index"), "index");

    String uri = store.upload("runs/17/model", model);

    assertThat(uri).isEqualTo("gs://tf-artifacts/trainflow/runs/17/model");
    assertThat(gcs.names(BUCKET))
        .containsExactly(
            "trainflow/runs/17/model/saved_model.pb",
            "trainflow/runs/17/model/variables/variables.data-00000-of-00001",
            "trainflow/runs/17/model/variables/variables.index");
    assertThat(gcs.object(BUCKET, "trainflow/runs/17/model/variables/variables.data-00000-of-00001")).isEqualTo(big);
    assertThat(gcs.requests())
        .filteredOn(r -> r.method().equals("POST") && "resumable".equals(r.param("uploadType")))
        .hasSize(1);
    assertThat(gcs.requests())
        .filteredOn(r -> "multipart".equals(r.param("uploadType")))
        .hasSize(2);
  }

  @Test
  void shouldSayAnObjectOrAFolderExistsAndAMissingOneDoesNot() {
    store.write("runs/17/model/saved_model.pb", new byte[] {1});

    assertThat(store.exists("runs/17/model/saved_model.pb")).isTrue();
    assertThat(store.exists("gs://tf-artifacts/trainflow/runs/17/model")).isTrue();
    assertThat(store.exists("runs/17/checkpoints")).isFalse();
    assertThat(store.exists("runs/1")).isFalse(); // a name prefix of runs/17 is not a folder of it
  }

  @Test
  void shouldDownloadAFolderTreeAcrossListPages() throws IOException {
    for (String name : List.of("a.txt", "b/c.txt", "b/d.txt", "e.txt", "f.txt")) {
      gcs.put(BUCKET, "trainflow/runs/9/model/" + name, name.getBytes(UTF_8));
    }
    gcs.put(BUCKET, "trainflow/runs/9/model-old/x.txt", new byte[] {9});

    Path copy = store.localCopy("gs://tf-artifacts/trainflow/runs/9/model", tmp.resolve("scratch"));

    assertThat(copy).isEqualTo(tmp.resolve("scratch/model"));
    try (var files = Files.walk(copy)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> copy.relativize(f).toString().replace('\\', '/')))
          .containsExactlyInAnyOrder("a.txt", "b/c.txt", "b/d.txt", "e.txt", "f.txt");
    }
    assertThat(Files.readString(copy.resolve("b/d.txt"))).isEqualTo("b/d.txt");
    List<Request> lists = gcs.requests().stream().filter(r -> r.path().equals("/storage/v1/b/tf-artifacts/o")).toList();
    assertThat(lists).hasSize(3); // 5 objects at 2 a page
    assertThat(lists).allSatisfy(r -> assertThat(r.param("prefix")).isEqualTo("trainflow/runs/9/model/"));
    assertThat(lists.get(1).param("pageToken")).isNotBlank();
  }

  @Test
  void shouldDownloadASingleObjectToTheScratchFolder() throws IOException {
    store.write("runs/9/examples/train.csv", "x,y\n".getBytes(UTF_8));

    Path copy = store.localCopy("runs/9/examples/train.csv", tmp.resolve("scratch"));

    assertThat(copy).isEqualTo(tmp.resolve("scratch/train.csv"));
    assertThat(Files.readString(copy)).isEqualTo("x,y\n");
  }

  @Test
  void shouldDeleteARunsTreeButKeepTheNamedSubtreesAndNothingOutsideIt() {
    for (String name : List.of("config.json", "examples/train.csv", "checkpoints/ckpt-1", "model/saved_model.pb", "model/variables/v")) {
      gcs.put(BUCKET, "trainflow/runs/5/" + name, new byte[] {1});
    }
    gcs.put(BUCKET, "trainflow/runs/50/config.json", new byte[] {1});
    gcs.clearRequests();

    int deleted = store.deleteTree("runs/5", Set.of("model"));

    assertThat(deleted).isEqualTo(3);
    assertThat(gcs.names(BUCKET))
        .containsExactly(
            "trainflow/runs/5/model/saved_model.pb", "trainflow/runs/5/model/variables/v", "trainflow/runs/50/config.json");
    assertThat(gcs.requests())
        .filteredOn(r -> r.method().equals("DELETE"))
        .extracting(Request::path)
        .containsExactlyInAnyOrder(
            "/storage/v1/b/tf-artifacts/o/trainflow/runs/5/config.json",
            "/storage/v1/b/tf-artifacts/o/trainflow/runs/5/examples/train.csv",
            "/storage/v1/b/tf-artifacts/o/trainflow/runs/5/checkpoints/ckpt-1");
    assertThat(store.deleteTree("runs/404", Set.of())).isZero();
  }

  @Test
  void shouldNameTheUriWhenAnObjectIsMissing() {
    assertThatThrownBy(() -> store.read("runs/1/nothing.txt"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("gs://tf-artifacts/trainflow/runs/1/nothing.txt")
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> store.localCopy("runs/1/model", tmp))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("no artifact at gs://tf-artifacts/trainflow/runs/1/model");
  }

  @Test
  void shouldTurnAnUnavailableServiceIntoARetryableTransientIoFailure() {
    gcs.failNext(r -> r.path().startsWith("/upload/"), 503, 10);

    assertThatThrownBy(() -> store.write("runs/1/config.json", new byte[] {1}))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("transient_io");
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getOriginalMessage()).contains("gs://tf-artifacts/trainflow/runs/1/config.json").contains("503");
            });
    // an unconditional write is not idempotent, so the client does not retry it: the activity's
    // retry policy does, after this transient_io failure
    assertThat(gcs.requests()).filteredOn(r -> r.path().startsWith("/upload/")).hasSize(1);
  }

  @Test
  void shouldLetTheClientRetryAReadThatMetAServerError() {
    store.write("runs/1/config.json", "{}".getBytes(UTF_8));
    gcs.failNext(Request::isMediaRead, 503, 1);

    assertThat(store.read("runs/1/config.json")).asString(UTF_8).isEqualTo("{}");
    assertThat(gcs.requests()).filteredOn(Request::isMediaRead).hasSize(2);
  }

  @Test
  void shouldRejectPathsThatEscapeTheRootAndUrisOfOtherSchemes() {
    assertThatThrownBy(() -> store.write("runs/../../other/x", new byte[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("escapes the root");
    assertThatThrownBy(() -> store.read("file:/etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read file:/etc/passwd");
    assertThat(gcs.requests()).isEmpty();
  }

  @Test
  void shouldOpenACloudStorageStoreForAGsRootAndAFolderOtherwise() {
    ArtifactStore gcsStore = ArtifactStores.open("gs://" + BUCKET + "/prefix", gcs.endpoint());
    assertThat(gcsStore).isInstanceOf(GcsArtifactStore.class);
    gcsStore.write("x.txt", new byte[] {42});
    assertThat(gcs.object(BUCKET, "prefix/x.txt")).containsExactly(42);

    assertThat(ArtifactStores.open(tmp.resolve("local").toString(), null)).isInstanceOf(LocalArtifactStore.class);
    assertThatThrownBy(() -> ArtifactStores.open("s3://bucket/x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ARTIFACT_ROOT=s3://bucket/x");
  }
}
