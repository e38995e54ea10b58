package dev.trainflow.api.runs;

import java.util.Map;

record ArtifactsResponse(long runId, String modelArtifactUri, String configSha256, Map<String, String> artifacts) {}
