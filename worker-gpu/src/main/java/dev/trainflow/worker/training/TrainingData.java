package dev.trainflow.worker.training;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.data.CandidateSampling;
import dev.trainflow.worker.data.Catalog;
import dev.trainflow.worker.data.EncodedSplit;
import dev.trainflow.worker.data.SplitReader;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.TransformSpec;

/** The encoded training and validation splits and the catalog that recall ranks over. */
public record TrainingData(EncodedSplit train, EncodedSplit validation, Catalog catalog) {

  /** Reads and encodes the splits; an empty train split or catalog fails {@code data_validation}. */
  public static TrainingData load(ArtifactStore store, ExamplesResult examples, TrainingSetup setup) {
    SplitReader reader = new SplitReader(store);
    TransformSpec transform = setup.transform();
    String candidateId = transform.candidateIdColumn();
    CsvTable trainTable = reader.read("train", examples.train(), true);
    CsvTable validationTable = reader.read("validation", examples.validation(), false);
    Catalog catalog = Catalog.of(reader.read("candidates", examples.candidates(), true), candidateId, setup.architecture().candidate());
    if (setup.architecture().candidateBias() && catalog.size() != setup.architecture().catalogSize()) {
      throw TrainingFailures.dataValidation(
          "the candidates catalog has " + catalog.size() + " rows, the Examples stage recorded "
              + setup.architecture().catalogSize());
    }
    CandidateSampling sampling = CandidateSampling.of(EncodedSplit.candidateIds("train", trainTable, candidateId));
    return new TrainingData(
        split("train", trainTable, setup, catalog, sampling),
        split("validation", validationTable, setup, catalog, sampling),
        catalog);
  }

  static EncodedSplit split(String name, CsvTable table, TrainingSetup setup, Catalog catalog, CandidateSampling sampling) {
    TransformSpec transform = setup.transform();
    return EncodedSplit.of(
        name, table, setup.architecture(), transform.queryIdColumn(), transform.candidateIdColumn(), transform.labelColumn(),
        catalog, sampling);
  }
}
