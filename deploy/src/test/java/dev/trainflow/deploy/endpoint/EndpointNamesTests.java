package dev.trainflow.deploy.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointNamesTests {

  @Test
  void shouldAcceptCloudRunStyleNamesOnly() {
    assertThat(EndpointNames.valid("recs")).isTrue();
    assertThat(EndpointNames.valid("recs-v2")).isTrue();
    assertThat(EndpointNames.valid("Recs")).isFalse();
    assertThat(EndpointNames.valid("2recs")).isFalse();
    assertThat(EndpointNames.valid("recs-")).isFalse();
    assertThat(EndpointNames.valid("a".repeat(41))).isFalse();
    assertThat(EndpointNames.valid(null)).isFalse();
  }

  @Test
  void shouldDeriveAValidNameFromAModelName() {
    assertThat(EndpointNames.forModel("B2B Recs_Model")).isEqualTo("b2b-recs-model");
    assertThat(EndpointNames.forModel("recs")).isEqualTo("recs");
    assertThat(EndpointNames.forModel("___")).isEqualTo("model");
    assertThat(EndpointNames.valid(EndpointNames.forModel("x".repeat(60) + "-"))).isTrue();
  }
}
