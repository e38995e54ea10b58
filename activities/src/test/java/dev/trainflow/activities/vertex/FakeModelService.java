package dev.trainflow.activities.vertex;

import com.google.cloud.aiplatform.v1.GetModelRequest;
import com.google.cloud.aiplatform.v1.ListModelVersionsRequest;
import com.google.cloud.aiplatform.v1.ListModelVersionsResponse;
import com.google.cloud.aiplatform.v1.Model;
import com.google.cloud.aiplatform.v1.ModelServiceGrpc;
import com.google.cloud.aiplatform.v1.UploadModelOperationMetadata;
import com.google.cloud.aiplatform.v1.UploadModelRequest;
import com.google.cloud.aiplatform.v1.UploadModelResponse;
import com.google.longrunning.Operation;
import dev.trainflow.activities.testing.FakeOperations;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process fake of Vertex AI's ModelService (and the Operations an upload answers with) on a
 * real gRPC server: a model is created by an upload with a model id, gains versions by uploads
 * naming it as parent, and lists its versions filtered by one label as Vertex AI's filter does.
 */
final class FakeModelService extends ModelServiceGrpc.ModelServiceImplBase implements AutoCloseable {
  private static final Pattern LABEL_FILTER = Pattern.compile("labels\\.([a-z0-9_-]+)=\"([^\"]*)\"");

  final List<UploadModelRequest> uploads = new CopyOnWriteArrayList<>();
  final List<ListModelVersionsRequest> lists = new CopyOnWriteArrayList<>();
  final FakeOperations operations = new FakeOperations();
  private final Map<String, List<Model>> versions = new ConcurrentHashMap<>();
  private final Server server;
  private volatile Status nextUploadError;

  FakeModelService() throws IOException {
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(this)
            .addService(operations.service())
            .build()
            .start();
  }

  String endpoint() {
    return "localhost:" + server.getPort();
  }

  List<Model> versions(String modelName) {
    return versions.getOrDefault(modelName, List.of());
  }

  void failNextUpload(Status status) {
    nextUploadError = status;
  }

  @Override
  public void uploadModel(UploadModelRequest request, StreamObserver<Operation> response) {
    uploads.add(request);
    if (nextUploadError != null) {
      response.onError(nextUploadError.asRuntimeException());
      nextUploadError = null;
      return;
    }
    String name;
    if (!request.getParentModel().isEmpty()) {
      name = request.getParentModel();
      if (!versions.containsKey(name)) {
        response.onError(Status.NOT_FOUND.withDescription("parent model " + name).asRuntimeException());
        return;
      }
    } else {
      name = request.getParent() + "/models/" + (request.getModelId().isEmpty() ? "m" + System.nanoTime() : request.getModelId());
      if (versions.containsKey(name)) {
        response.onError(Status.ALREADY_EXISTS.withDescription(name).asRuntimeException());
        return;
      }
    }
    List<Model> list = versions.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    String versionId = Integer.toString(list.size() + 1);
    list.add(request.getModel().toBuilder().setName(name).setVersionId(versionId).build());
    response.onNext(
        operations.start(
            UploadModelResponse.newBuilder().setModel(name).setModelVersionId(versionId).build(),
            UploadModelOperationMetadata.getDefaultInstance()));
    response.onCompleted();
  }

  @Override
  public void getModel(GetModelRequest request, StreamObserver<Model> response) {
    List<Model> list = versions.get(request.getName());
    if (list == null) {
      response.onError(Status.NOT_FOUND.withDescription("Model " + request.getName() + " not found").asRuntimeException());
      return;
    }
    response.onNext(list.get(list.size() - 1));
    response.onCompleted();
  }

  @Override
  public void listModelVersions(ListModelVersionsRequest request, StreamObserver<ListModelVersionsResponse> response) {
    lists.add(request);
    List<Model> list = versions.get(request.getName());
    if (list == null) {
      response.onError(Status.NOT_FOUND.asRuntimeException());
      return;
    }
    List<Model> matching = new ArrayList<>(list);
    if (!request.getFilter().isEmpty()) {
      Matcher m = LABEL_FILTER.matcher(request.getFilter());
      if (!m.matches()) {
        response.onError(Status.INVALID_ARGUMENT.withDescription("unsupported filter " + request.getFilter()).asRuntimeException());
        return;
      }
      matching.removeIf(v -> !m.group(2).equals(v.getLabelsMap().get(m.group(1))));
    }
    response.onNext(ListModelVersionsResponse.newBuilder().addAllModels(matching).build());
    response.onCompleted();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
