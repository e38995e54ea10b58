package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.trainflow.workflows.spec.DatasetSource;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetReaderTests {
  @TempDir Path dir;

  private final DatasetMaterializer materializer = new DatasetMaterializer();

  private Path file(String content) throws Exception {
    return Files.writeString(dir.resolve("orders.csv"), content);
  }

  private static Map<String, String> columns() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("user", "string");
    columns.put("item", "string");
    columns.put("price", "float");
    columns.put("qty", "int");
    columns.put("at", "timestamp");
    return columns;
  }

  @Test
  void shouldReadTheDeclaredColumnsInHeaderOrderAndNormalizeIsoTimestamps() throws Exception {
    Path csv =
        file("item,user,price,qty,at\n"
            + "i1,u1,9.5,2,1704067200\n"
            + "\"i,2\",u2,,3,2024-01-01T01:00:00Z\n"
            + "i3,u3,1e3,-1,2024-01-02\n");

    MaterializedDataset dataset = materializer.materialize(SampleRuns.csv(csv, columns()));

    assertThat(dataset.columns().stream().map(c -> c.name() + ":" + c.type()))
        .containsExactly("item:string", "user:string", "price:float", "qty:int", "at:timestamp");
    assertThat(dataset.table().values("item")).containsExactly("i1", "i,2", "i3");
    assertThat(dataset.table().values("price")).containsExactly("9.5", "", "1e3");
    assertThat(dataset.table().values("at")).containsExactly("1704067200", "1704070800", "1704153600");
  }

  @Test
  void shouldAcceptAPlainPath() throws Exception {
    Path csv = file("user,item,price,qty,at\nu1,i1,1,1,0\n");
    DatasetSource source = new DatasetSource(DatasetSource.CSV, null, null, null, null, csv.toString(), columns(), null);

    assertThat(materializer.materialize(source).rows()).isEqualTo(1);
  }

  @Test
  void shouldNameUnknownAndMissingColumns() throws Exception {
    Path csv = file("user,item,price,qty,discount\nu1,i1,1,1,0.5\n");

    ApplicationFailure failure = fail(SampleRuns.csv(csv, columns()));

    assertThat(failure.getType()).isEqualTo("data_validation");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("column 'discount' is in the header but not declared")
        .contains("column 'at' is declared in dataset_source.columns but not in the header");
  }

  @Test
  void shouldNameTheColumnAndRowOfACellThatIsNotItsType() throws Exception {
    Path csv = file("user,item,price,qty,at\nu1,i1,1,1,0\nu2,i2,cheap,1,0\nu3,i3,2,1.5,yesterday\n");

    ApplicationFailure failure = fail(SampleRuns.csv(csv, columns()));

    assertThat(failure.getType()).isEqualTo("data_validation");
    assertThat(failure.getOriginalMessage())
        .contains("column 'price' row 3: 'cheap' is not a float")
        .contains("column 'qty' row 4: '1.5' is not a int")
        .contains("column 'at' row 4: 'yesterday' is not a timestamp");
  }

  @Test
  void shouldNameAMissingFile() {
    Path missing = dir.resolve("nope.csv");

    ApplicationFailure failure = fail(SampleRuns.csv(missing, columns()));

    assertThat(failure.getType()).isEqualTo("data_validation");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains(missing.toString());
  }

  @Test
  void shouldRejectACloudStorageUriAsInvalidConfig() {
    DatasetSource source =
        new DatasetSource(DatasetSource.CSV, null, null, null, null, "gs://bucket/orders.csv", columns(), null);

    ApplicationFailure failure = fail(source);

    assertThat(failure.getType()).isEqualTo("invalid_config");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("dataset_source.uri", "gs://bucket/orders.csv");
    assertThat(DatasetMaterializer.validate("dataset.source", source))
        .anySatisfy(e -> assertThat(e.field()).isEqualTo("dataset.source.uri"));
  }

  private ApplicationFailure fail(DatasetSource source) {
    return catchThrowableOfType(() -> materializer.materialize(source), ApplicationFailure.class);
  }
}
