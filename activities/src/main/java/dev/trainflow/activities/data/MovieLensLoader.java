package dev.trainflow.activities.data;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.ColumnSpec;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads MovieLens 100K (GroupLens) from its folder and joins ratings with users and movies into
 * one row per rating. The data's terms forbid redistribution: it is read where it lies, never
 * copied into the repository.
 */
public final class MovieLensLoader {
  public static final List<ColumnSpec> COLUMNS =
      List.of(
          new ColumnSpec("user_id", "string"),
          new ColumnSpec("age", "int"),
          new ColumnSpec("gender", "string"),
          new ColumnSpec("occupation", "string"),
          new ColumnSpec("zip_code", "string"),
          new ColumnSpec("item_id", "string"),
          new ColumnSpec("title", "string"),
          new ColumnSpec("release_year", "int"),
          new ColumnSpec("genres", "string"),
          new ColumnSpec("rating", "float"),
          new ColumnSpec("timestamp", "timestamp"));

  /** The genre flags of {@code u.item}, in the order of {@code u.genre}. */
  public static final List<String> GENRES =
      List.of(
          "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
          "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
          "Sci-Fi", "Thriller", "War", "Western");

  private static final Pattern PIPE = Pattern.compile("\\|");
  private static final Pattern TAB = Pattern.compile("\t");
  private static final int ITEM_FIELDS = 5 + 19;

  private record User(String age, String gender, String occupation, String zipCode) {}

  private record Movie(String title, String releaseYear, String genres) {}

  public MaterializedDataset load(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw TrainingFailures.dataValidation(
          "dataset_source.path: no MovieLens 100K folder at " + folder.toAbsolutePath());
    }
    Map<String, User> users = new HashMap<>();
    for (Line line : lines(folder, "u.user", StandardCharsets.ISO_8859_1)) {
      String[] f = line.split(PIPE, 5);
      requireInt(line, "age", f[1]);
      users.put(f[0], new User(f[1], f[2], f[3], f[4]));
    }
    Map<String, Movie> movies = new HashMap<>();
    // u.item is Latin-1: titles such as "Misérables, Les (1995)".
    for (Line line : lines(folder, "u.item", StandardCharsets.ISO_8859_1)) {
      String[] f = line.split(PIPE, ITEM_FIELDS);
      List<String> genres = new ArrayList<>();
      for (int g = 0; g < GENRES.size(); g++) {
        if ("1".equals(f[5 + g])) {
          genres.add(GENRES.get(g));
        }
      }
      movies.put(f[0], new Movie(f[1], releaseYear(line, f[2]), String.join("|", genres)));
    }
    List<String[]> rows = new ArrayList<>(100_000);
    for (Line line : lines(folder, "u.data", StandardCharsets.ISO_8859_1)) {
      String[] f = line.split(TAB, 4);
      User user = users.get(f[0]);
      Movie movie = movies.get(f[1]);
      if (user == null || movie == null) {
        throw line.invalid(user == null ? "user " + f[0] + " is not in u.user" : "item " + f[1] + " is not in u.item");
      }
      requireInt(line, "rating", f[2]);
      requireInt(line, "timestamp", f[3]);
      rows.add(
          new String[] {
            f[0], user.age, user.gender, user.occupation, user.zipCode,
            f[1], movie.title, movie.releaseYear, movie.genres, f[2], f[3]
          });
    }
    List<String> header = COLUMNS.stream().map(ColumnSpec::name).toList();
    return new MaterializedDataset(COLUMNS, new CsvTable(header, rows));
  }

  /** "01-Jan-1995" → "1995"; a few movies have no date, which stays a missing value. */
  private static String releaseYear(Line line, String date) {
    if (date.isEmpty()) {
      return "";
    }
    String year = date.substring(date.lastIndexOf('-') + 1);
    requireInt(line, "release date", year);
    return year;
  }

  private static void requireInt(Line line, String what, String value) {
    if (!ColumnType.INT.accepts(value) || value.isEmpty()) {
      throw line.invalid(what + " '" + value + "' is not an integer");
    }
  }

  /** One non-blank line of a MovieLens file, with where it came from for error messages. */
  private record Line(Path file, int number, String text) {
    String[] split(Pattern separator, int fields) {
      String[] f = separator.split(text, -1);
      if (f.length != fields) {
        throw invalid("expected " + fields + " fields, found " + f.length);
      }
      return f;
    }

    RuntimeException invalid(String problem) {
      return TrainingFailures.dataValidation(file.toAbsolutePath() + " line " + number + ": " + problem);
    }
  }

  private static List<Line> lines(Path folder, String name, Charset charset) {
    Path file = folder.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw TrainingFailures.dataValidation(
          "dataset_source.path: no " + name + " in " + folder.toAbsolutePath() + " (MovieLens 100K needs u.data, u.user and u.item)");
    }
    List<String> text;
    try {
      text = Files.readAllLines(file, charset);
    } catch (IOException e) {
      throw TrainingFailures.of(FailureReason.TRANSIENT_IO, "cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    List<Line> lines = new ArrayList<>(text.size());
    for (int i = 0; i < text.size(); i++) {
      if (!text.get(i).isBlank()) {
        lines.add(new Line(file, i + 1, text.get(i)));
      }
    }
    return lines;
  }
}
