package dev.trainflow.deploy.endpoint;

/** A deploy, traffic or undeploy request that cannot be carried out as asked; nothing changed. */
public class EndpointRequestException extends RuntimeException {

  public enum Kind {
    /** the request itself is wrong (a bad name, split or action) */
    INVALID,
    /** it names an endpoint or run that does not exist */
    NOT_FOUND,
    /** the endpoint's state does not allow it (another model's endpoint, nothing to roll back to) */
    CONFLICT
  }

  private final Kind kind;

  public EndpointRequestException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
