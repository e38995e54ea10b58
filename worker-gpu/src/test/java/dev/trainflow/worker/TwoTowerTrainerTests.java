package dev.trainflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.artifacts.ModelDescription;
import dev.trainflow.worker.training.TrainingInterruption;
import dev.trainflow.worker.training.TwoTowerTrainer;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.EarlyStopping;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.LearningRateSchedule;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import io.temporal.client.ActivityCanceledException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's behaviour beyond one plain run: resume, early stopping, schedules, warm starts, model types. */
class TwoTowerTrainerTests {
  @TempDir static Path root;
  static LocalArtifactStore store;
  static RetrievalFixture fixture;

  @BeforeAll
  static void writeFixture() {
    store = new LocalArtifactStore(root);
    fixture = RetrievalFixture.write(store, "datasets/b2b", 300, 200, 15_000, 7);
  }

  @Test
  void shouldReachTheSameFinalMetricsAfterAnInterruptionAsWithout() throws Exception {
    TrainingParams params =
        TestRuns.with(
            TestRuns.params(5, 512, "adam", 0.02, 3, 2),
            new EarlyStopping(2, 0.0, true),
            new LearningRateSchedule("warmup_cosine", null, null, 0.001, 1.0),
            5.0,
            null);
    List<EpochMetrics> straightEpochs = new ArrayList<>();
    TrainingResult straight = trainer(straightEpochs).train(TestRuns.request(TestRuns.run(100, params), fixture, null), null, "w");

    // The interrupted run is cancelled after step 10 of epoch 3 (of 24), as a heartbeat that
    // reports the cancellation would do; it checkpoints where it stopped.
    List<EpochMetrics> interruptedEpochs = new ArrayList<>();
    TwoTowerTrainer interrupted =
        new TwoTowerTrainer(store, (id, m) -> interruptedEpochs.add(m), h -> {
          if (h.epoch() == 3 && h.step() == 10) {
            throw new ActivityCanceledException();
          }
        });
    // the trainer answers a cancellation with where it checkpointed
    assertThatThrownBy(() -> interrupted.train(TestRuns.request(TestRuns.run(101, params), fixture, null), null, "w"))
        .isInstanceOfSatisfying(
            TrainingInterruption.class,
            stop -> assertThat(stop.heartbeat().lastCheckpointUri()).endsWith("epoch-2-rows-5120/"));
    Path checkpoint = onlyMidEpochCheckpoint(root.resolve("runs/101/checkpoints"));
    TrainingResult resumed =
        trainer(interruptedEpochs)
            .train(TestRuns.request(TestRuns.run(101, params), fixture, null), checkpoint.toUri().toString(), "w");

    assertThat(checkpoint.getFileName().toString()).isEqualTo("epoch-2-rows-5120");
    assertThat(interruptedEpochs).extracting(EpochMetrics::epoch).containsExactlyElementsOf(
        straightEpochs.stream().map(EpochMetrics::epoch).toList());
    for (int i = 0; i < straightEpochs.size(); i++) {
      assertSameMetrics(interruptedEpochs.get(i), straightEpochs.get(i));
    }
    assertThat(resumed.epochsCompleted()).isEqualTo(straight.epochsCompleted());
    assertThat(resumed.bestEpoch()).isEqualTo(straight.bestEpoch());
    assertThat(Files.readAllBytes(root.resolve("runs/101/model/weights.bin")))
        .isEqualTo(Files.readAllBytes(root.resolve("runs/100/model/weights.bin")));
  }

  @Test
  void shouldStopEarlyAndKeepTheBestEpochsWeights() throws Exception {
    // a min_delta no epoch can beat: epoch 1 stays the best, and after 2 more epochs training stops
    TrainingParams stopping =
        TestRuns.with(TestRuns.params(10, 512, "adagrad", 0.1, 5, 10), new EarlyStopping(2, 1e6, true), null, null, null);
    List<EpochMetrics> epochs = new ArrayList<>();

    TrainingResult result = trainer(epochs).train(TestRuns.request(TestRuns.run(110, stopping), fixture, null), null, "w");
    trainer(new ArrayList<>())
        .train(TestRuns.request(TestRuns.run(111, TestRuns.params(1, 512, "adagrad", 0.1, 5, 10)), fixture, null), null, "w");

    assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(result.stoppedEarly()).isTrue();
    assertThat(result.bestEpoch()).isEqualTo(1);
    assertThat(result.epochsCompleted()).isEqualTo(3);
    ModelDescription model = JsonCodec.fromBytes(Files.readAllBytes(root.resolve("runs/110/model/model.json")), ModelDescription.class);
    assertThat(model.modelEpoch()).isEqualTo(1);
    assertThat(model.metrics()).isEqualTo(epochs.get(0));
    // the restored weights are exactly those of a run that trained one epoch
    assertThat(Files.readAllBytes(root.resolve("runs/110/model/weights.bin")))
        .isEqualTo(Files.readAllBytes(root.resolve("runs/111/model/weights.bin")));
  }

  @Test
  void shouldMoveTheLearningRateAsTheScheduleSays() {
    List<EpochMetrics> cosine = new ArrayList<>();
    List<EpochMetrics> warmup = new ArrayList<>();
    TrainingParams base = TestRuns.params(4, 2048, "adagrad", 0.1, 5, 10);

    trainer(cosine).train(
        TestRuns.request(TestRuns.run(120, TestRuns.with(base, null, new LearningRateSchedule("cosine", null, null, 0.01, null), null, null)),
            fixture, null), null, "w");
    trainer(warmup).train(
        TestRuns.request(
            TestRuns.run(121, TestRuns.with(base, null, new LearningRateSchedule("warmup_cosine", null, null, 0.0, 2.0), null, null)),
            fixture, null), null, "w");

    // the rate of each epoch's last step, at training progress t = epoch
    for (int e = 1; e <= 4; e++) {
      assertThat(cosine.get(e - 1).learningRate()).isCloseTo(0.01 + 0.09 * 0.5 * (1 + Math.cos(Math.PI * e / 4)), within(1e-12));
    }
    assertThat(warmup).extracting(EpochMetrics::learningRate).satisfiesExactly(
        r -> assertThat(r).isCloseTo(0.05, within(1e-12)),
        r -> assertThat(r).isCloseTo(0.1, within(1e-12)),
        r -> assertThat(r).isCloseTo(0.05, within(1e-12)),
        r -> assertThat(r).isCloseTo(0.0, within(1e-12)));
  }

  @Test
  void shouldCheckpointEveryEpochOnAPreemptibleMachine() {
    CompiledRun run =
        TestRuns.run(130, TestRuns.model(false), TestRuns.params(2, 2048, "adagrad", 0.1, 5, 10),
            new GpuConfig(null, 0, null, true), EvaluatorConfig.empty());

    trainer(new ArrayList<>()).train(TestRuns.request(run, fixture, null), null, "w");

    assertThat(root.resolve("runs/130/checkpoints/epoch-1/checkpoint.json")).exists();
    assertThat(root.resolve("runs/130/checkpoints/epoch-2/checkpoint.json")).exists();
  }

  @Test
  void shouldWarmStartFromAPreviousRunAndShrugOffAMissingOne() {
    TrainingParams params = TestRuns.params(2, 512, "adagrad", 0.1, 9, 10);
    trainer(new ArrayList<>()).train(TestRuns.request(TestRuns.run(140, params), fixture, null), null, "w");
    List<EpochMetrics> fresh = new ArrayList<>();
    List<EpochMetrics> warm = new ArrayList<>();
    List<EpochMetrics> missing = new ArrayList<>();

    trainer(fresh).train(TestRuns.request(TestRuns.run(141, TestRuns.params(1, 512, "adagrad", 0.1, 9, 10)), fixture, null), null, "w");
    trainer(warm).train(
        TestRuns.request(TestRuns.run(142, TestRuns.with(TestRuns.params(1, 512, "adagrad", 0.1, 9, 10), null, null, null, "140")),
            fixture, null), null, "w");
    trainer(missing).train(
        TestRuns.request(
            TestRuns.run(143, TestRuns.with(TestRuns.params(1, 512, "adagrad", 0.1, 9, 10), null, null, null, root.resolve("nowhere").toUri().toString())),
            fixture, null), null, "w");

    assertThat(warm.get(0).trainLoss()).isLessThan(fresh.get(0).trainLoss() - 0.1);
    assertSameMetrics(missing.get(0), fresh.get(0));
  }

  @Test
  void shouldTrainARankingModelThatBeatsTheMeanRating() {
    CompiledRun run =
        TestRuns.run(150, TestRuns.model("ranking"), TestRuns.params(4, 256, "adam", 0.01, 5, 10), GpuConfig.cpu(),
            EvaluatorConfig.empty());
    List<EpochMetrics> epochs = new ArrayList<>();

    trainer(epochs).train(TestRuns.request(run, fixture, null), null, "w");

    double baseline = meanRatingRmse();
    EpochMetrics last = epochs.get(epochs.size() - 1);
    assertThat(last.rmse()).isLessThan(baseline * 0.8);
    assertThat(last.mae()).isPositive().isLessThan(last.rmse() + 1e-9);
    assertThat(last.recallAt100()).isNull();
    assertThat(last.validationLoss()).isCloseTo(last.rmse() * last.rmse(), within(1e-4));
  }

  @Test
  void shouldTrainAMultitaskModelOnBothHeads() {
    ModelConfig multitask =
        new ModelConfig("multitask", 32, null, null, null, null, false, List.of(32), 1.0, 0.5, true, 1e-5, true).withDefaults();
    CompiledRun run = TestRuns.run(160, multitask, TestRuns.params(3, 512, "adagrad", 0.1, 5, 10), GpuConfig.cpu(), EvaluatorConfig.empty());
    List<EpochMetrics> epochs = new ArrayList<>();

    trainer(epochs).train(TestRuns.request(run, fixture, null), null, "w");

    EpochMetrics last = epochs.get(epochs.size() - 1);
    assertThat(last.recallAt100()).isGreaterThan(100.0 / fixture.candidates() + 0.25);
    assertThat(last.rmse()).isLessThan(meanRatingRmse());
  }

  private static double meanRatingRmse() {
    CsvTable train = CsvTable.parse(store.read(fixture.examples().train().uri()));
    CsvTable validation = CsvTable.parse(store.read(fixture.examples().validation().uri()));
    double mean = Stream.of(train.values("rating")).mapToDouble(Double::parseDouble).average().orElseThrow();
    return Math.sqrt(Stream.of(validation.values("rating")).mapToDouble(v -> Math.pow(Double.parseDouble(v) - mean, 2)).average().orElseThrow());
  }

  private static TwoTowerTrainer trainer(List<EpochMetrics> epochs) {
    return new TwoTowerTrainer(store, (id, m) -> epochs.add(m), h -> {});
  }

  private static Path onlyMidEpochCheckpoint(Path checkpoints) throws Exception {
    try (Stream<Path> folders = Files.list(checkpoints)) {
      List<Path> midEpoch = folders.filter(f -> f.getFileName().toString().contains("-rows-")).toList();
      assertThat(midEpoch).hasSize(1);
      return midEpoch.get(0);
    }
  }

  private static void assertSameMetrics(EpochMetrics actual, EpochMetrics expected) {
    assertThat(actual.epoch()).isEqualTo(expected.epoch());
    assertThat(actual.trainLoss()).isCloseTo(expected.trainLoss(), within(1e-5));
    assertThat(actual.validationLoss()).isCloseTo(expected.validationLoss(), within(1e-5));
    assertThat(actual.recallAt10()).isCloseTo(expected.recallAt10(), within(1e-9));
    assertThat(actual.recallAt100()).isCloseTo(expected.recallAt100(), within(1e-9));
    assertThat(actual.learningRate()).isCloseTo(expected.learningRate(), within(1e-12));
  }
}
