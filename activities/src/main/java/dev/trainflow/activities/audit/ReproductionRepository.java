package dev.trainflow.activities.audit;

import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_RUN;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** The reproduction columns of {@code training_run}: which run a run reproduces, and the verdict. */
public class ReproductionRepository {
  private final DSLContext db;

  public ReproductionRepository(DSLContext db) {
    this.db = db;
  }

  public void mark(Reproduction reproduction) {
    db.update(TRAINING_RUN)
        .set(TRAINING_RUN.REPRODUCES_RUN_ID, reproduction.originalRunId())
        .set(TRAINING_RUN.REPRODUCTION_TOLERANCE, reproduction.tolerance())
        .where(TRAINING_RUN.ID.eq(reproduction.runId()))
        .execute();
  }

  public Optional<Reproduction> of(long runId) {
    return db.select(TRAINING_RUN.REPRODUCES_RUN_ID, TRAINING_RUN.REPRODUCTION_TOLERANCE)
        .from(TRAINING_RUN)
        .where(TRAINING_RUN.ID.eq(runId))
        .and(TRAINING_RUN.REPRODUCES_RUN_ID.isNotNull())
        .fetchOptional(r -> new Reproduction(runId, r.value1(), r.value2() == null ? 0 : r.value2()));
  }

  /** Overwrites the verdict: the same comparison recorded twice is the same verdict. */
  public void recordResult(long runId, ReproductionResult result) {
    db.update(TRAINING_RUN)
        .set(TRAINING_RUN.REPRODUCTION_RESULT, JSONB.valueOf(JsonCodec.toJson(result)))
        .where(TRAINING_RUN.ID.eq(runId))
        .execute();
  }

  public Optional<JsonNode> result(long runId) {
    return db.select(TRAINING_RUN.REPRODUCTION_RESULT)
        .from(TRAINING_RUN)
        .where(TRAINING_RUN.ID.eq(runId))
        .fetchOptional(TRAINING_RUN.REPRODUCTION_RESULT)
        .map(ReproductionRepository::tree);
  }

  /** The runs that reproduce this one, oldest first. */
  public List<Long> reproductionsOf(long originalRunId) {
    return db.select(TRAINING_RUN.ID)
        .from(TRAINING_RUN)
        .where(TRAINING_RUN.REPRODUCES_RUN_ID.eq(originalRunId))
        .orderBy(TRAINING_RUN.ID)
        .fetch(TRAINING_RUN.ID);
  }

  private static JsonNode tree(JSONB json) {
    try {
      return json == null ? null : JsonCodec.mapper().readTree(json.data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
