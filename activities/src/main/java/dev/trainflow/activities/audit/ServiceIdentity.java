package dev.trainflow.activities.audit;

/**
 * What built and runs this service, as the audit log records it with every run.
 *
 * @param gitCommit the commit the service was built from; "unknown" when no build recorded it
 * @param imageDigest the container image digest ({@code sha256:...}); null when not in a container
 *     or not told
 * @param version the service's version
 */
public record ServiceIdentity(String gitCommit, String imageDigest, String version) {}
