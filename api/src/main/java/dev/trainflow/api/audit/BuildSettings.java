package dev.trainflow.api.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code trainflow.build.*}: what the image build knows about this service, recorded with every
 * run. {@code gitCommit} ({@code TRAINFLOW_GIT_COMMIT}) wins over the jar's {@code git.properties};
 * {@code imageDigest} ({@code TRAINFLOW_IMAGE_DIGEST}) is the container image's digest, set by the
 * deployment (ops/k8s puts it there from the image reference).
 */
@ConfigurationProperties("trainflow.build")
public record BuildSettings(String gitCommit, String imageDigest) {}
