package dev.trainflow.activities.persistence;

import java.util.List;

/**
 * What a stage transition did.
 *
 * @param changed false when the version already was in the requested stage (nothing written)
 * @param archivedVersions the versions that left production because this one entered it
 */
public record StageTransition(
    String mlModelName,
    int version,
    ModelStage from,
    ModelStage to,
    String reason,
    boolean changed,
    List<Integer> archivedVersions) {}
