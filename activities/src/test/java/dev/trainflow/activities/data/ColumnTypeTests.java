package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnTypeTests {
  @Test
  void shouldAcceptOnlyPlainNumbersAndTreatEmptyAsMissing() {
    assertThat(ColumnType.FLOAT.accepts("-1.5e3")).isTrue();
    assertThat(ColumnType.FLOAT.accepts(".5")).isTrue();
    assertThat(ColumnType.FLOAT.accepts("NaN")).isTrue();
    assertThat(ColumnType.FLOAT.accepts("1f")).isFalse();
    assertThat(ColumnType.FLOAT.accepts(" 1")).isFalse();
    assertThat(ColumnType.FLOAT.accepts("0x1p3")).isFalse();
    assertThat(ColumnType.INT.accepts("42")).isTrue();
    assertThat(ColumnType.INT.accepts("4.2")).isFalse();
    assertThat(ColumnType.TIMESTAMP.accepts("1704067200")).isTrue();
    assertThat(ColumnType.TIMESTAMP.accepts("2024-01-01")).isFalse();
    for (ColumnType type : ColumnType.values()) {
      assertThat(type.accepts("")).isTrue();
    }
  }

  @Test
  void shouldTurnIsoTimestampsIntoEpochSeconds() {
    assertThat(ColumnType.TIMESTAMP.canonical("2024-01-01T00:00:00Z")).isEqualTo("1704067200");
    assertThat(ColumnType.TIMESTAMP.canonical("2024-01-01T02:00:00+02:00")).isEqualTo("1704067200");
    assertThat(ColumnType.TIMESTAMP.canonical("2024-01-01T00:00:00")).isEqualTo("1704067200");
    assertThat(ColumnType.TIMESTAMP.canonical("2024-01-01")).isEqualTo("1704067200");
    assertThat(ColumnType.TIMESTAMP.canonical("yesterday")).isNull();
    assertThat(ColumnType.INT.canonical("2024-01-01")).isNull();
  }
}
