package dev.trainflow.workflows.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.spec.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineDagTests {

  @Test
  void shouldAcceptADiamond() {
    assertThat(
            PipelineDag.check(
                "tasks", List.of("v", "a", "b", "e"), List.of(List.of(), List.of("v"), List.of("v"), List.of("a", "b"))))
        .isEmpty();
  }

  @Test
  void shouldNameTheCycle() {
    List<FieldError> errors =
        PipelineDag.check("tasks", List.of("v", "a", "b"), List.of(List.of("b"), List.of("v"), List.of("a")));

    assertThat(errors).containsExactly(new FieldError("tasks", "the dependencies form a cycle: v -> b -> a -> v"));
  }

  @Test
  void shouldNameDuplicatesUnknownDependenciesAndSelfLoops() {
    List<FieldError> errors =
        PipelineDag.check("tasks", List.of("a", "a", "c"), List.of(List.of(), List.of("x"), List.of("c")));

    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactly("tasks[1].task_id", "tasks[1].dependencies[0]", "tasks[2].dependencies[0]");
    assertThat(errors.get(1).message()).isEqualTo("unknown dependency 'x': no task has that id");
    assertThat(errors.get(2).message()).isEqualTo("task 'c' depends on itself");
  }
}
