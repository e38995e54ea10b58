package dev.trainflow.api.datasets;

import dev.trainflow.activities.data.MovieLensLoader;
import dev.trainflow.activities.data.SyntheticDatasetGenerator;
import dev.trainflow.workflows.activities.ColumnSpec;
import dev.trainflow.workflows.spec.DatasetSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The columns a dataset source yields, known before it is read: what a data-quality gate may name. */
final class DatasetColumns {
  private DatasetColumns() {}

  static Set<String> of(DatasetSource source) {
    return switch (source.type()) {
      case DatasetSource.CSV -> source.columns().keySet();
      case DatasetSource.SYNTHETIC -> names(SyntheticDatasetGenerator.COLUMNS);
      case DatasetSource.MOVIELENS_100K -> names(MovieLensLoader.COLUMNS);
      default -> null;
    };
  }

  private static Set<String> names(List<ColumnSpec> columns) {
    return columns.stream().map(ColumnSpec::name).collect(Collectors.toSet());
  }
}
