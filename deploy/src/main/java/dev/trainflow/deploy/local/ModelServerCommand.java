package dev.trainflow.deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The command line of a model-server child process, on the same Java and classpath as this
 * process: a plain classpath in development and tests, the Spring Boot launcher (with {@code
 * loader.main}) when this process runs from the api's executable jar.
 */
final class ModelServerCommand {
  private static final String BOOT_PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

  private ModelServerCommand() {}

  static List<String> build(List<String> jvmOptions) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    String cacheDir = System.getProperty("org.bytedeco.javacpp.cachedir");
    if (cacheDir != null) {
      command.add("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir);
    }
    if (isBootJar(classPath)) {
      command.add("-Dloader.main=" + ChildOfParentMain.class.getName());
      command.add("-cp");
      command.add(classPath);
      command.add(BOOT_PROPERTIES_LAUNCHER);
    } else {
      command.add("-cp");
      command.add(classPath);
      command.add(ChildOfParentMain.class.getName());
    }
    return command;
  }

  private static boolean isBootJar(String classPath) {
    if (classPath == null || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
      return false;
    }
    Path jar = Path.of(classPath);
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Start-Class") != null;
    } catch (IOException e) {
      return false;
    }
  }
}
