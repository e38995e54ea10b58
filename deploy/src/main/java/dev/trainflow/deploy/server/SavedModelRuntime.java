package dev.trainflow.deploy.server;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.proto.ConfigProto;

/** A SavedModel (tag {@code serve}) and the signatures of it this server can feed and return. */
final class SavedModelRuntime implements ModelRuntime {
  private static final Logger log = LoggerFactory.getLogger(SavedModelRuntime.class);

  private final SavedModelBundle bundle;
  private final Map<String, ServingSignature> signatures;

  private SavedModelRuntime(SavedModelBundle bundle, Map<String, ServingSignature> signatures) {
    this.bundle = bundle;
    this.signatures = signatures;
  }

  static SavedModelRuntime load(Path savedModel, int intraOpThreads) {
    // no spinning: TensorFlow's pool threads otherwise busy-wait after every op, which on a small
    // machine burns the CPU that parsing and answering the other requests needs
    ConfigProto config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intraOpThreads)
            .setInterOpParallelismThreads(1)
            .setExperimental(ConfigProto.Experimental.newBuilder().setDisableThreadSpinning(true))
            .build();
    SavedModelBundle bundle =
        SavedModelBundle.loader(savedModel.toString()).withTags("serve").withConfigProto(config).load();
    try {
      Map<String, ServingSignature> signatures = new TreeMap<>();
      for (Signature signature : bundle.signatures()) {
        try {
          signatures.put(signature.key(), ServingSignature.of(signature));
        } catch (IllegalArgumentException e) {
          log.warn("not serving signature '{}' of {}: {}", signature.key(), savedModel, e.getMessage());
        }
      }
      if (signatures.isEmpty()) {
        throw new IllegalArgumentException("the SavedModel at " + savedModel + " has no signature this server can serve");
      }
      return new SavedModelRuntime(bundle, Collections.unmodifiableMap(signatures));
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  @Override
  public Map<String, ServingSignature> signatures() {
    return signatures;
  }

  @Override
  public Map<String, OutputTensor> run(ServingSignature signature, Map<String, FeatureColumn> columns) {
    return signature.run(bundle.session(), columns);
  }

  @Override
  public void close() {
    bundle.close();
  }
}
