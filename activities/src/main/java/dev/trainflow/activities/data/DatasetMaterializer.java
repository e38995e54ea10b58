package dev.trainflow.activities.data;

import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.FieldError;
import dev.trainflow.workflows.spec.SpecValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns any {@link DatasetSource} into one interaction table with typed columns. The Examples
 * stage materializes through it, and so can the REST API, to preview or check a source before a
 * run uses it.
 *
 * <p>Failures are typed as a run sees them: {@code invalid_config} for a source that cannot be
 * read as configured, {@code data_validation} naming the path, column or row for data that is
 * missing or malformed.
 */
public final class DatasetMaterializer {
  private final SyntheticDatasetGenerator synthetic;
  private final CsvDatasetReader csv;
  private final MovieLensLoader movieLens;
  private final ChurnDatasetGenerator churn = new ChurnDatasetGenerator();

  public DatasetMaterializer() {
    this(new SyntheticDatasetGenerator(), new CsvDatasetReader(), new MovieLensLoader());
  }

  public DatasetMaterializer(SyntheticDatasetGenerator synthetic, CsvDatasetReader csv, MovieLensLoader movieLens) {
    this.synthetic = synthetic;
    this.csv = csv;
    this.movieLens = movieLens;
  }

  /**
   * Every problem of the source that shows without reading data: the shared {@link SpecValidator}
   * rules plus what this build cannot read yet (a {@code gs://} CSV).
   */
  public static List<FieldError> validate(String prefix, DatasetSource source) {
    List<FieldError> errors = new ArrayList<>(new SpecValidator().datasetSource(prefix, source).errors());
    if (source != null && DatasetSource.CSV.equals(source.type()) && source.uri() != null && !source.uri().isBlank()) {
      try {
        CsvDatasetReader.localPath(source.uri());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(prefix + ".uri", e.getMessage()));
      }
    }
    return errors;
  }

  public MaterializedDataset materialize(DatasetSource source) {
    List<FieldError> errors = validate("dataset_source", source);
    if (!errors.isEmpty()) {
      throw TrainingFailures.invalidConfig(
          errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    }
    return switch (source.type()) {
      case DatasetSource.SYNTHETIC -> synthetic.generate(source);
      case DatasetSource.CSV -> csv.read(source.uri(), source.columns());
      case DatasetSource.MOVIELENS_100K -> movieLens.load(Path.of(source.path()));
      case DatasetSource.SYNTHETIC_CHURN -> churn.generate(source);
      default -> throw new IllegalStateException("validated above: " + source.type());
    };
  }
}
