package dev.trainflow.api.datasets;

import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks at creation that a dataset source can be read: the CSV file exists and its header has
 * the declared columns; the MovieLens folder has its three files. The data itself is validated by
 * the run's Schema stage.
 */
@Component
class DatasetSourceCheck {

  List<FieldError> check(String prefix, DatasetSource source) {
    List<FieldError> errors = new ArrayList<>();
    switch (source.type()) {
      case DatasetSource.CSV -> checkCsv(prefix, source, errors);
      case DatasetSource.MOVIELENS_100K -> {
        Path folder = Path.of(source.path());
        for (String file : List.of("u.data", "u.user", "u.item")) {
          if (!Files.isReadable(folder.resolve(file))) {
            errors.add(new FieldError(prefix + ".path", "no readable " + file + " in " + folder.toAbsolutePath()));
          }
        }
      }
      default -> {}
    }
    return errors;
  }

  private static void checkCsv(String prefix, DatasetSource source, List<FieldError> errors) {
    Path file;
    try {
      file = source.uri().startsWith("file:") ? Path.of(URI.create(source.uri())) : Path.of(source.uri());
    } catch (RuntimeException e) {
      errors.add(new FieldError(prefix + ".uri", "'" + source.uri() + "' is not a file path or file: URI"));
      return;
    }
    if (source.uri().contains("://") && !source.uri().startsWith("file:")) {
      errors.add(new FieldError(prefix + ".uri", "only local files (a path or file: URI) are readable in this build"));
      return;
    }
    if (!Files.isReadable(file)) {
      errors.add(new FieldError(prefix + ".uri", "no readable file at " + file.toAbsolutePath()));
      return;
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      List<String> columns = header == null ? List.of() : Arrays.stream(header.split(",")).map(String::trim).toList();
      for (String declared : source.columns().keySet()) {
        if (!columns.contains(declared)) {
          errors.add(new FieldError(prefix + ".columns." + declared, "the file's header has no column '" + declared + "' (header: " + header + ")"));
        }
      }
    } catch (IOException e) {
      errors.add(new FieldError(prefix + ".uri", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage()));
    }
  }
}
