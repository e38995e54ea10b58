package dev.trainflow.api.runs;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.activities.persistence.RegistryEntry;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A run's files in the artifact store ({@code runs/{id}/}, on a folder or in Cloud Storage), removed
 * when the run is deleted. A registered model outlives its run: the registry entry (and whatever
 * serves it) still points at it, so the folder holding it stays.
 */
@Component
class RunArtifacts {
  private static final Logger log = LoggerFactory.getLogger(RunArtifacts.class);
  private final ArtifactStore store;
  private final LongFunction<Optional<String>> registeredModelUri;

  @Autowired
  RunArtifacts(ArtifactStore store, ModelRegistryRepository registry) {
    this(store, runId -> registry.findByRun(runId).map(RegistryEntry::artifactUri));
  }

  RunArtifacts(ArtifactStore store, LongFunction<Optional<String>> registeredModelUri) {
    this.store = store;
    this.registeredModelUri = registeredModelUri;
  }

  /** A folder's file: URI ends with a slash when the folder exists; a gs:// one never does. */
  private static String withoutTrailingSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  static String folderOf(long runId) {
    return "runs/" + runId;
  }

  /** Deletes the run's files except a registered model; returns how many files went. */
  int delete(long runId) {
    String folder = folderOf(runId);
    String folderUri = withoutTrailingSlash(store.uriOf(folder));
    Set<String> keep =
        registeredModelUri.apply(runId)
            .map(RunArtifacts::withoutTrailingSlash)
            .filter(uri -> uri.startsWith(folderUri + "/"))
            .map(uri -> Set.of(uri.substring(folderUri.length() + 1)))
            .orElse(Set.of());
    int deleted = store.deleteTree(folder, keep);
    log.info("deleted {} artifact files of run {}{}", deleted, runId, keep.isEmpty() ? "" : ", keeping its registered model " + keep);
    return deleted;
  }
}
