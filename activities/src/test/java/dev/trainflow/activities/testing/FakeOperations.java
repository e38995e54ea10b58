package dev.trainflow.activities.testing;

import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * google.longrunning.Operations for fakes: an operation is not done when it starts and done, with
 * its response or error, at the first {@code GetOperation}, so the client's polling is exercised.
 * Built from the method descriptor because the generated Operations stub is not on this classpath.
 * Shared by the Vertex AI fakes here and the Cloud Run fake in deploy (activities' test-jar).
 */
public final class FakeOperations {
  static final MethodDescriptor<GetOperationRequest, Operation> GET_OPERATION =
      MethodDescriptor.<GetOperationRequest, Operation>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName("google.longrunning.Operations", "GetOperation"))
          .setRequestMarshaller(ProtoUtils.marshaller(GetOperationRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(Operation.getDefaultInstance()))
          .build();

  public final List<String> polls = new CopyOnWriteArrayList<>();
  private final Map<String, Operation> finished = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** A started operation whose first poll answers {@code result}. */
  public Operation start(Message result) {
    return start(result, null);
  }

  /** ... with metadata, for clients that read it. */
  public Operation start(Message result, Message metadata) {
    String name = "operations/op-" + ids.incrementAndGet();
    Operation.Builder done = Operation.newBuilder().setName(name).setDone(true).setResponse(Any.pack(result));
    Operation.Builder started = Operation.newBuilder().setName(name).setDone(false);
    if (metadata != null) {
      done.setMetadata(Any.pack(metadata));
      started.setMetadata(Any.pack(metadata));
    }
    finished.put(name, done.build());
    return started.build();
  }

  /** A started operation whose first poll answers an error. */
  public Operation startFailing(com.google.rpc.Code code, String message) {
    String name = "operations/op-" + ids.incrementAndGet();
    finished.put(name, Operation.newBuilder().setName(name).setDone(true)
        .setError(com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message)).build());
    return Operation.newBuilder().setName(name).setDone(false).build();
  }

  public ServerServiceDefinition service() {
    return ServerServiceDefinition.builder("google.longrunning.Operations")
        .addMethod(GET_OPERATION, ServerCalls.asyncUnaryCall((request, response) -> {
          polls.add(request.getName());
          Operation done = finished.get(request.getName());
          if (done == null) {
            response.onError(Status.NOT_FOUND.withDescription("no operation " + request.getName()).asRuntimeException());
            return;
          }
          response.onNext(done);
          response.onCompleted();
        }))
        .build();
  }
}
