package dev.trainflow.activities.data;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.ColumnSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code csv} dataset source: one file of interaction rows whose header must name exactly
 * the declared columns, and whose cells must parse as the declared types. Errors number rows as a
 * spreadsheet does (the header is row 1), as {@link CsvTable#parse} does.
 */
public final class CsvDatasetReader {
  /** Enough examples of bad cells to fix a file, without a message the size of the file. */
  private static final int MAX_REPORTED_CELLS = 10;

  /** The local file a {@code file:} URI or plain path names; other schemes are not supported yet. */
  public static Path localPath(String uri) {
    if (uri.startsWith("file:")) {
      return Path.of(URI.create(uri));
    }
    if (uri.contains("://")) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not supported yet: use a file: URI or a local path");
    }
    return Path.of(uri);
  }

  public MaterializedDataset read(String uri, Map<String, String> declaredColumns) {
    Path file;
    try {
      file = localPath(uri);
    } catch (IllegalArgumentException e) {
      throw TrainingFailures.invalidConfig("dataset_source.uri: " + e.getMessage());
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw TrainingFailures.dataValidation("dataset_source.uri: no file at " + file.toAbsolutePath());
    } catch (IOException e) {
      throw TrainingFailures.of(FailureReason.TRANSIENT_IO, "cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    CsvTable raw;
    try {
      raw = CsvTable.parse(content);
    } catch (IllegalArgumentException e) {
      throw TrainingFailures.dataValidation(file.toAbsolutePath() + ": " + e.getMessage());
    }
    List<ColumnSpec> columns = columns(raw.header(), declaredColumns, file);
    return new MaterializedDataset(columns, canonicalCells(raw, columns));
  }

  private static List<ColumnSpec> columns(List<String> header, Map<String, String> declared, Path file) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : header) {
      if (!seen.add(name)) {
        problems.add("column '" + name + "' appears twice in the header");
      } else if (!declared.containsKey(name)) {
        problems.add("column '" + name + "' is in the header but not declared in dataset_source.columns");
      }
    }
    declared.keySet().stream()
        .filter(name -> !seen.contains(name))
        .sorted()
        .forEach(name -> problems.add("column '" + name + "' is declared in dataset_source.columns but not in the header"));
    if (!problems.isEmpty()) {
      throw TrainingFailures.dataValidation(file.toAbsolutePath() + ": " + String.join("; ", problems));
    }
    return header.stream().map(name -> new ColumnSpec(name, declared.get(name))).toList();
  }

  private static CsvTable canonicalCells(CsvTable raw, List<ColumnSpec> columns) {
    ColumnType[] types = columns.stream().map(c -> ColumnType.of(c.type())).toArray(ColumnType[]::new);
    List<String> problems = new ArrayList<>();
    int badCells = 0;
    List<String[]> rows = raw.rows();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      for (int c = 0; c < types.length; c++) {
        String canonical = types[c].canonical(row[c]);
        if (canonical == null) {
          if (++badCells <= MAX_REPORTED_CELLS) {
            problems.add(
                "column '" + columns.get(c).name() + "' row " + (r + 2) + ": '" + row[c] + "' is not a "
                    + types[c].typeName());
          }
        } else {
          row[c] = canonical;
        }
      }
    }
    if (badCells > 0) {
      String more = badCells > MAX_REPORTED_CELLS ? " (and " + (badCells - MAX_REPORTED_CELLS) + " more)" : "";
      throw TrainingFailures.dataValidation(String.join("; ", problems) + more);
    }
    return raw;
  }
}
