package dev.trainflow.activities.persistence;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An endpoint row with its revisions (oldest first).
 *
 * @param status {@code serving}, {@code failed} (the target could not be brought to the recorded
 *     state) or {@code undeployed}
 */
public record StoredEndpoint(
    long id,
    String name,
    String target,
    long mlModelId,
    String mlModelName,
    String url,
    String status,
    List<StoredEndpointRevision> revisions,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public static final String SERVING = "serving";
  public static final String FAILED = "failed";
  public static final String UNDEPLOYED = "undeployed";
}
