package dev.trainflow.deploy.local;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The local deploy target's settings.
 *
 * @param workDir where child logs (and downloaded models of a remote artifact store) go
 * @param bindAddress the address endpoint routers listen on (loopback unless opened on purpose)
 * @param startTimeout how long a model server may take to answer after it starts
 */
public record LocalTargetSettings(Path workDir, String bindAddress, Duration startTimeout) {}
