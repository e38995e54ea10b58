package dev.trainflow.worker.training;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.data.CandidateSampling;
import dev.trainflow.worker.data.Catalog;
import dev.trainflow.worker.data.RetrievalSplit;
import dev.trainflow.worker.data.SplitReader;
import dev.trainflow.workflows.activities.ExamplesResult;

/** The encoded training and validation splits and the catalog that recall ranks over. */
public record TrainingData(RetrievalSplit train, RetrievalSplit validation, Catalog catalog) {

  /** Reads and encodes the splits; an empty train split or catalog fails {@code data_validation}. */
  public static TrainingData load(ArtifactStore store, ExamplesResult examples, TrainingSetup setup) {
    SplitReader reader = new SplitReader(store);
    String candidateId = setup.transform().candidateIdColumn();
    CsvTable trainTable = reader.read("train", examples.train(), true);
    CsvTable validationTable = reader.read("validation", examples.validation(), false);
    Catalog catalog = Catalog.of(reader.read("candidates", examples.candidates(), true), candidateId, setup.architecture().candidate());
    CandidateSampling sampling = CandidateSampling.of(RetrievalSplit.candidateIds("train", trainTable, candidateId));
    return new TrainingData(
        RetrievalSplit.of("train", trainTable, setup.architecture(), candidateId, catalog, sampling),
        RetrievalSplit.of("validation", validationTable, setup.architecture(), candidateId, catalog, sampling),
        catalog);
  }
}
