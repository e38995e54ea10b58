package dev.trainflow.api.datasets;

import dev.trainflow.workflows.spec.DatasetSource;

record CreateDatasetRequest(String name, String description, DatasetSource source) {}
