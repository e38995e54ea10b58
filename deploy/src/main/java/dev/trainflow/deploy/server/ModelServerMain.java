package dev.trainflow.deploy.server;

import java.util.concurrent.CountDownLatch;

/**
 * The standalone model server: {@code MODEL_PATH}, {@code MODEL_NAME}, {@code PORT} and the
 * batching variables of {@link ModelServerSettings}. Prints {@code model server ready: name=...
 * version=... port=...} on stdout once it answers, so a parent process can wait for that line;
 * exits 2 with the reason on stderr when the settings or the model are bad. With {@code
 * --unpack-natives} it only loads TensorFlow's natives (unpacking them into the JavaCPP cache) and
 * exits.
 */
public final class ModelServerMain {
  private ModelServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && "--unpack-natives".equals(args[0])) {
      // for an image build: JavaCPP unpacks TensorFlow's natives (652 MB) into its cache folder on
      // the first load, so doing it once at build time keeps that out of every container's cold start
      System.out.println("tensorflow natives ready: " + org.tensorflow.TensorFlow.version());
      return;
    }
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "trainflow-model-server-logback.xml");
    }
    ModelServer server;
    try {
      ModelServerSettings settings = ModelServerSettings.fromEnvironment(System.getenv());
      server = ModelServer.start(settings);
    } catch (RuntimeException e) {
      System.err.println("model server cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "model-server-shutdown"));
    System.out.println(
        "model server ready: name=" + server.modelName() + " version=" + server.version() + " port=" + server.port());
    System.out.flush();
    stopped.await();
  }
}
