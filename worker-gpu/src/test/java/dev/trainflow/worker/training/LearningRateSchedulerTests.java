package dev.trainflow.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.workflows.spec.LearningRateSchedule;
import org.junit.jupiter.api.Test;

class LearningRateSchedulerTests {

  @Test
  void shouldCutTheRateAfterPatienceEpochsWithoutImprovementButNotBelowTheMinimum() {
    LearningRateScheduler scheduler =
        new LearningRateScheduler(new LearningRateSchedule("reduce_on_plateau", 0.5, 2, 0.03, null).withDefaults(), 0.1, 20);
    TrainingPosition position = TrainingPosition.fresh(1, 0.1);
    double[] losses = {5.0, 4.0, 4.1, 4.2, 3.9, 4.0, 4.0, 4.0, 4.0, 4.0};
    double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.03, 0.03, 0.03, 0.03};

    for (int epoch = 0; epoch < losses.length; epoch++) {
      scheduler.afterEpoch(position, losses[epoch]);
      assertThat(scheduler.rate(position, epoch + 2, 0, 10)).as("after epoch %d", epoch + 1).isCloseTo(expected[epoch], within(1e-12));
    }
  }

  @Test
  void shouldKeepAConstantRateConstant() {
    LearningRateScheduler scheduler = new LearningRateScheduler(LearningRateSchedule.constant().withDefaults(), 0.2, 5);
    TrainingPosition position = TrainingPosition.fresh(1, 0.2);

    scheduler.afterEpoch(position, 9.0);
    scheduler.afterEpoch(position, 10.0);

    assertThat(scheduler.rate(position, 3, 7, 10)).isEqualTo(0.2);
  }

  @Test
  void shouldWarmUpLinearlyStepByStep() {
    LearningRateScheduler scheduler =
        new LearningRateScheduler(new LearningRateSchedule("warmup_cosine", null, null, 0.0, 1.0).withDefaults(), 0.1, 3);
    TrainingPosition position = TrainingPosition.fresh(1, 0.1);

    assertThat(scheduler.rate(position, 1, 0, 4)).isCloseTo(0.025, within(1e-12));
    assertThat(scheduler.rate(position, 1, 1, 4)).isCloseTo(0.05, within(1e-12));
    assertThat(scheduler.rate(position, 1, 3, 4)).isCloseTo(0.1, within(1e-12));
    assertThat(scheduler.rate(position, 3, 3, 4)).isCloseTo(0.0, within(1e-12));
  }
}
