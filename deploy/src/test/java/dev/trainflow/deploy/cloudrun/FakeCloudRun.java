package dev.trainflow.deploy.cloudrun;

import com.google.cloud.run.v2.CreateServiceRequest;
import com.google.cloud.run.v2.DeleteServiceRequest;
import com.google.cloud.run.v2.GetServiceRequest;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServicesGrpc;
import com.google.cloud.run.v2.TrafficTarget;
import com.google.cloud.run.v2.TrafficTargetStatus;
import com.google.cloud.run.v2.UpdateServiceRequest;
import com.google.longrunning.Operation;
import dev.trainflow.activities.testing.FakeOperations;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process fake of the Cloud Run Admin API v2 Services service (and the Operations it
 * answers with) on a real gRPC server: services keep the template and traffic they were given,
 * each template revision becomes a revision, traffic to a revision that never existed fails the
 * operation as Cloud Run does, and the service reports its URL and a tagged URL per revision.
 */
final class FakeCloudRun extends ServicesGrpc.ServicesImplBase implements AutoCloseable {
  final List<CreateServiceRequest> creates = new CopyOnWriteArrayList<>();
  final List<UpdateServiceRequest> updates = new CopyOnWriteArrayList<>();
  final List<String> deletes = new CopyOnWriteArrayList<>();
  final FakeOperations operations = new FakeOperations();
  private final Map<String, Service> services = new ConcurrentHashMap<>();
  private final Set<String> revisions = ConcurrentHashMap.newKeySet();
  private final Server server;
  private volatile Status nextCallError;

  FakeCloudRun() throws IOException {
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

  Service service(String name) {
    return services.get(name);
  }

  /** The next create, update or delete call fails with this status. */
  void failNextCall(Status status) {
    nextCallError = status;
  }

  private boolean failed(StreamObserver<?> response) {
    Status error = nextCallError;
    if (error != null) {
      nextCallError = null;
      response.onError(error.asRuntimeException());
      return true;
    }
    return false;
  }

  @Override
  public void createService(CreateServiceRequest request, StreamObserver<Operation> response) {
    creates.add(request);
    if (failed(response)) {
      return;
    }
    String name = request.getParent() + "/services/" + request.getServiceId();
    if (!request.getService().getName().isEmpty()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("service.name must be empty on create").asRuntimeException());
      return;
    }
    if (services.containsKey(name)) {
      response.onError(Status.ALREADY_EXISTS.withDescription(name).asRuntimeException());
      return;
    }
    respond(response, apply(request.getService().toBuilder().setName(name).build(), null));
  }

  @Override
  public void updateService(UpdateServiceRequest request, StreamObserver<Operation> response) {
    updates.add(request);
    if (failed(response)) {
      return;
    }
    Service current = services.get(request.getService().getName());
    if (current == null) {
      response.onError(Status.NOT_FOUND.withDescription(request.getService().getName()).asRuntimeException());
      return;
    }
    respond(response, apply(request.getService(), current));
  }

  @Override
  public void getService(GetServiceRequest request, StreamObserver<Service> response) {
    Service service = services.get(request.getName());
    if (service == null) {
      response.onError(Status.NOT_FOUND.withDescription("Resource '" + request.getName() + "' was not found").asRuntimeException());
      return;
    }
    response.onNext(service);
    response.onCompleted();
  }

  @Override
  public void deleteService(DeleteServiceRequest request, StreamObserver<Operation> response) {
    deletes.add(request.getName());
    Service gone = services.remove(request.getName());
    if (gone == null) {
      response.onError(Status.NOT_FOUND.withDescription("Resource '" + request.getName() + "' was not found").asRuntimeException());
      return;
    }
    response.onNext(operations.start(gone));
    response.onCompleted();
  }

  private void respond(StreamObserver<Operation> response, Object outcome) {
    response.onNext(outcome instanceof Service s ? operations.start(s) : operations.startFailing(com.google.rpc.Code.INVALID_ARGUMENT, (String) outcome));
    response.onCompleted();
  }

  /** The service as Cloud Run would make it, or why the operation fails. */
  private Object apply(Service requested, Service current) {
    String id = requested.getName().substring(requested.getName().lastIndexOf('/') + 1);
    String revision = requested.getTemplate().getRevision();
    Set<String> known = ConcurrentHashMap.newKeySet();
    known.addAll(revisions);
    known.add(revision);
    for (TrafficTarget target : requested.getTrafficList()) {
      if (!known.contains(target.getRevision())) {
        return "Revision named '" + target.getRevision() + "' does not exist";
      }
    }
    revisions.add(revision);
    String url = "https://" + id + "-abc123-uc.a.run.app";
    Service.Builder built =
        requested.toBuilder()
            .setUri(url)
            .setGeneration(current == null ? 1 : current.getGeneration() + 1)
            .setLatestCreatedRevision(requested.getName().replace("/services/" + id, "/services/" + id + "/revisions/" + revision))
            .setLatestReadyRevision(requested.getName().replace("/services/" + id, "/services/" + id + "/revisions/" + revision))
            .clearTrafficStatuses();
    for (TrafficTarget target : requested.getTrafficList()) {
      built.addTrafficStatuses(
          TrafficTargetStatus.newBuilder()
              .setType(target.getType())
              .setRevision(target.getRevision())
              .setPercent(target.getPercent())
              .setTag(target.getTag())
              .setUri(target.getTag().isEmpty() ? "" : "https://" + target.getTag() + "---" + id + "-abc123-uc.a.run.app"));
    }
    Service service = built.build();
    services.put(service.getName(), service);
    return service;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
