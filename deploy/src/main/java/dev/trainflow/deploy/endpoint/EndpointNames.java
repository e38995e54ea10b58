package dev.trainflow.deploy.endpoint;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Endpoint names: lowercase letters, digits and hyphens, starting with a letter, at most 40
 * characters, so that a name is also a valid Cloud Run service name with room for a revision
 * suffix.
 */
public final class EndpointNames {
  public static final int MAX_LENGTH = 40;
  private static final Pattern VALID = Pattern.compile("[a-z]([a-z0-9-]{0,38}[a-z0-9])?");

  private EndpointNames() {}

  public static boolean valid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  public static String problem(String name) {
    return "must be 1-" + MAX_LENGTH + " lowercase letters, digits or hyphens, start with a letter and not end with"
        + " a hyphen, got '" + name + "'";
  }

  /** The default endpoint name of a model: its name made valid. */
  public static String forModel(String modelName) {
    String name = modelName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-");
    name = name.replaceAll("^[^a-z]+", "");
    if (name.length() > MAX_LENGTH) {
      name = name.substring(0, MAX_LENGTH);
    }
    name = name.replaceAll("-+$", "");
    return name.isEmpty() ? "model" : name;
  }
}
