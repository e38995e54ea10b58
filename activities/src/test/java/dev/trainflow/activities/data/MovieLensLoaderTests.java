package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trainflow.workflows.spec.DatasetSource;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensLoaderTests {
  private static final String FOLDER = "shared/datasets/movielens-100k";

  /**
   * MovieLens 100K lies outside the repository (its terms forbid copying it in): the nearest
   * {@code shared/datasets/movielens-100k} above the working directory, as a worktree next to the
   * shared folder has it.
   */
  static Path movieLens() {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve(FOLDER).resolve("u.data"))) {
        return at.resolve(FOLDER);
      }
    }
    return null;
  }

  @Test
  void shouldJoinRatingsUsersAndMovies() {
    Path folder = movieLens();
    assumeTrue(folder != null, "MovieLens 100K not found at " + FOLDER + " above " + Path.of("").toAbsolutePath() + ": skipping");

    MaterializedDataset dataset = new DatasetMaterializer().materialize(DatasetSource.movielens(folder.toString()));
    CsvTable table = dataset.table();

    assertThat(table.size()).isEqualTo(100_000);
    assertThat(new HashSet<>(Arrays.asList(table.values("user_id")))).hasSize(943);
    assertThat(new HashSet<>(Arrays.asList(table.values("item_id")))).hasSize(1682);
    assertThat(dataset.columns().stream().map(c -> c.name() + ":" + c.type()))
        .containsExactly(
            "user_id:string", "age:int", "gender:string", "occupation:string", "zip_code:string", "item_id:string",
            "title:string", "release_year:int", "genres:string", "rating:float", "timestamp:timestamp");
    // User 196 rated Kolya (1996), item 242, 3 stars: the first line of the GroupLens u.data.
    assertThat(table.rows().stream().filter(row -> row[0].equals("196") && row[5].equals("242")))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsExactly(
                        "196", "49", "M", "writer", "55105", "242", "Kolya (1996)", "1997", "Comedy", "3", "881250949"));
    int toyStory = List.of(table.values("item_id")).indexOf("1");
    assertThat(table.rows().get(toyStory)[table.column("genres")]).isEqualTo("Animation|Children's|Comedy");
    assertThat(table.rows().get(toyStory)[table.column("release_year")]).isEqualTo("1995");
    int unknownMovie = List.of(table.values("item_id")).indexOf("267");
    assertThat(table.rows().get(unknownMovie)[table.column("release_year")]).isEmpty();
    assertThat(table.values("title")).anyMatch(title -> title.contains("é"));
  }

  @Test
  void shouldNameAMissingFolder(@TempDir Path dir) {
    Path missing = dir.resolve("ml-100k");

    ApplicationFailure failure =
        catchThrowableOfType(() -> new MovieLensLoader().load(missing), ApplicationFailure.class);

    assertThat(failure.getType()).isEqualTo("data_validation");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains(missing.toString());
  }

  @Test
  void shouldNameAMissingFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("u.user"), "1|24|M|technician|85711\n");
    Files.writeString(dir.resolve("u.data"), "1\t1\t5\t874965758\n");

    ApplicationFailure failure = catchThrowableOfType(() -> new MovieLensLoader().load(dir), ApplicationFailure.class);

    assertThat(failure.getType()).isEqualTo("data_validation");
    assertThat(failure.getOriginalMessage()).contains("u.item", dir.toString());
  }

  @Test
  void shouldNameAMalformedLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("u.user"), "1|24|M|technician|85711\n");
    Files.writeString(dir.resolve("u.item"), "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n");
    Files.writeString(dir.resolve("u.data"), "1\t1\t5\t874965758\n1\t1\tfive\t874965759\n");

    ApplicationFailure failure = catchThrowableOfType(() -> new MovieLensLoader().load(dir), ApplicationFailure.class);

    assertThat(failure.getOriginalMessage()).contains("u.data line 2", "rating 'five'");
  }
}
