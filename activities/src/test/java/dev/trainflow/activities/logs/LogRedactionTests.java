package dev.trainflow.activities.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogRedactionTests {
  @Test
  void shouldMaskBearerTokensUrlCredentialsAndSignatures() {
    assertThat(LogRedaction.redact("header Authorization: Bearer s3cr3t-token-value"))
        .isEqualTo("header Authorization: Bearer ***");
    assertThat(LogRedaction.redact("connecting to postgres://trainflow:hunter22@db:5432/trainflow"))
        .isEqualTo("connecting to postgres://trainflow:***@db:5432/trainflow");
    assertThat(LogRedaction.redact("GET https://storage.googleapis.com/b/o?X-Goog-Credential=abc&X-Goog-Signature=deadbeef&x=1"))
        .isEqualTo("GET https://storage.googleapis.com/b/o?X-Goog-Credential=***&X-Goog-Signature=***&x=1");
    assertThat(LogRedaction.redact("jdbc:postgresql://db/x?user=a&password=pw")).isEqualTo("jdbc:postgresql://db/x?user=a&password=***");
  }

  @Test
  void shouldLeaveOrdinaryLinesAlone() {
    String line = "stage train attempt 2 finished in 3.1 s: recall@100 0.41, checkpoint file:/data/runs/3/checkpoints/epoch-2";
    assertThat(LogRedaction.redact(line)).isEqualTo(line);
  }
}
