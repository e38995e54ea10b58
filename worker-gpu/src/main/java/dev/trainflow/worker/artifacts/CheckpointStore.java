package dev.trainflow.worker.artifacts;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.worker.metrics.TrainerMeters;
import dev.trainflow.worker.model.NamedTensor;
import dev.trainflow.worker.model.WeightsFile;
import java.util.List;

/** Writes and reads checkpoints under {@code <artifactPrefix>/checkpoints/}. */
public final class CheckpointStore {
  private final ArtifactStore store;

  public CheckpointStore(ArtifactStore store) {
    this.store = store;
  }

  /** A checkpoint with its variables and, when early stopping keeps them, the best weights. */
  public record Loaded(TrainingCheckpoint checkpoint, List<NamedTensor> variables, List<NamedTensor> bestWeights) {}

  /**
   * Writes the weights first and checkpoint.json last, so a folder with a checkpoint.json is
   * complete even if the worker dies while writing. Returns the folder's URI.
   *
   * @param bestWeights the early-stopping best weights, or null
   */
  public String write(
      String artifactPrefix, TrainingCheckpoint checkpoint, List<NamedTensor> variables, List<NamedTensor> bestWeights) {
    String folder = artifactPrefix + "/checkpoints/" + checkpoint.folderName();
    store.write(folder + "/" + checkpoint.weightsFile(), WeightsFile.write(variables));
    if (bestWeights != null && checkpoint.bestWeightsFile() != null) {
      store.write(folder + "/" + checkpoint.bestWeightsFile(), WeightsFile.write(bestWeights));
    }
    store.write(folder + "/" + TrainingCheckpoint.FILE_NAME, JsonCodec.toBytes(checkpoint));
    TrainerMeters.checkpointSaved();
    return store.uriOf(folder);
  }

  private static final java.util.regex.Pattern FOLDER = java.util.regex.Pattern.compile("epoch-(\\d+)(-rows-\\d+)?/?$");

  /** The epochs a checkpoint holds, from its folder name ({@link TrainingCheckpoint#folderName()}); 0 for none. */
  public static int completedEpochsOf(String checkpointUri) {
    if (checkpointUri == null) {
      return 0;
    }
    java.util.regex.Matcher m = FOLDER.matcher(checkpointUri);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  public Loaded read(String checkpointUri) {
    TrainingCheckpoint checkpoint =
        JsonCodec.fromBytes(store.read(FolderUri.child(checkpointUri, TrainingCheckpoint.FILE_NAME)), TrainingCheckpoint.class);
    List<NamedTensor> variables = WeightsFile.read(store.read(FolderUri.child(checkpointUri, checkpoint.weightsFile())));
    List<NamedTensor> best =
        checkpoint.bestWeightsFile() == null
            ? null
            : WeightsFile.read(store.read(FolderUri.child(checkpointUri, checkpoint.bestWeightsFile())));
    return new Loaded(checkpoint, variables, best);
  }
}
