package dev.trainflow.activities.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.workflows.spec.DatasetSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatasetRepositoryTests {
  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();

  @Test
  void shouldNumberDatasetVersionsByContent() {
    DatasetRepository datasets = new DatasetRepository(postgres.dsl());
    long id = datasets.create("versioned", null, DatasetSource.synthetic(100, 50, 1000, 1)).id();

    int v1 = datasets.recordVersion(id, "aaa", 10);
    int v1again = datasets.recordVersion(id, "aaa", 10);
    int v2 = datasets.recordVersion(id, "bbb", 12);

    assertThat(v1).isEqualTo(1);
    assertThat(v1again).isEqualTo(1);
    assertThat(v2).isEqualTo(2);
    assertThat(datasets.find(id).orElseThrow().versions()).extracting(StoredDatasetVersion::checksum)
        .containsExactly("aaa", "bbb");
  }

  @Test
  void shouldRefuseASecondDatasetWithTheSameName() {
    DatasetRepository datasets = new DatasetRepository(postgres.dsl());
    datasets.create("same-name", null, DatasetSource.synthetic(100, 50, 1000, 1));

    assertThatThrownBy(() -> datasets.create("same-name", null, DatasetSource.synthetic(100, 50, 1000, 2)))
        .isInstanceOfSatisfying(NameTakenException.class, e -> assertThat(e.field()).isEqualTo("name"));
    assertThat(datasets.list()).extracting(StoredDataset::name).containsOnlyOnce("same-name");
  }
}
