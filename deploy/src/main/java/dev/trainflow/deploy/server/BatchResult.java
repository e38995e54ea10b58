package dev.trainflow.deploy.server;

import java.util.Map;

/**
 * One request's share of a batch: the batch's outputs and the rows that are this request's, {@code
 * [offset, offset + rows)}, in the order the request sent them.
 */
record BatchResult(Map<String, OutputTensor> outputs, int offset, int rows) {}
