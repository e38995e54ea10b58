package dev.trainflow.deploy.server;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs the model server as a child of the api process ({@link ModelServerProcess}): it exits when its standard input closes,
 * which happens when the parent dies for any reason (even SIGKILL), so no orphan keeps serving a
 * port after the api that owned it is gone.
 */
public final class ChildModelServerMain {
  private ChildModelServerMain() {}

  public static void main(String[] args) throws Exception {
    Thread watcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() >= 0) {
                  // the parent never writes; any byte is ignored
                }
              } catch (IOException e) {
                // a broken pipe means the same as end of input
              }
              System.err.println("parent process gone: model server exits");
              Runtime.getRuntime().halt(0);
            },
            "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
    ModelServerMain.main(args);
  }
}
