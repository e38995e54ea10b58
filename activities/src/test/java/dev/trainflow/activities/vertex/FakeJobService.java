package dev.trainflow.activities.vertex;

import com.google.cloud.aiplatform.v1.CancelCustomJobRequest;
import com.google.cloud.aiplatform.v1.CreateCustomJobRequest;
import com.google.cloud.aiplatform.v1.CustomJob;
import com.google.cloud.aiplatform.v1.GetCustomJobRequest;
import com.google.cloud.aiplatform.v1.JobServiceGrpc;
import com.google.cloud.aiplatform.v1.JobState;
import com.google.protobuf.Empty;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * An in-process fake of Vertex AI's JobService on a real gRPC server (plaintext, a free port):
 * custom jobs move through the states a test scripts, one per {@code getCustomJob}; every request
 * is recorded so tests assert exactly what the real client sent.
 */
final class FakeJobService extends JobServiceGrpc.JobServiceImplBase implements AutoCloseable {
  final List<CreateCustomJobRequest> creates = new CopyOnWriteArrayList<>();
  final List<String> gets = new CopyOnWriteArrayList<>();
  final List<String> cancels = new CopyOnWriteArrayList<>();
  private final Map<String, CustomJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, Deque<JobState>> scripts = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(1000);
  private final Server server;
  private volatile Deque<JobState> nextScript = new ArrayDeque<>(List.of(JobState.JOB_STATE_SUCCEEDED));
  private volatile com.google.rpc.Status finalError;
  private volatile Status createError;
  private volatile BiConsumer<CustomJob, JobState> onState = (job, state) -> {};

  FakeJobService() throws IOException {
    server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(this).build().start();
  }

  String endpoint() {
    return "localhost:" + server.getPort();
  }

  /** The states the next created job reports on successive gets; the last one stays. */
  void script(JobState... states) {
    nextScript = new ArrayDeque<>(List.of(states));
  }

  /** The error a job that ends failed carries. */
  void failWith(com.google.rpc.Code code, String message) {
    finalError = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message).build();
  }

  void refuseCreate(Status status) {
    createError = status;
  }

  /** Runs when a get reports a state: what "the trainer" writes to the store at that point. */
  void onState(BiConsumer<CustomJob, JobState> hook) {
    onState = hook;
  }

  /** A job that already exists on the service, e.g. created by a lost attempt. */
  String existing(String parent, JobState state) {
    String name = parent + "/customJobs/" + ids.incrementAndGet();
    jobs.put(name, CustomJob.newBuilder().setName(name).setState(state).build());
    scripts.put(name, new ArrayDeque<>(List.of(state)));
    return name;
  }

  CustomJob job(String name) {
    return jobs.get(name);
  }

  @Override
  public void createCustomJob(CreateCustomJobRequest request, StreamObserver<CustomJob> response) {
    creates.add(request);
    if (createError != null) {
      response.onError(createError.asRuntimeException());
      return;
    }
    String name = request.getParent() + "/customJobs/" + ids.incrementAndGet();
    CustomJob job = request.getCustomJob().toBuilder().setName(name).setState(JobState.JOB_STATE_PENDING).build();
    jobs.put(name, job);
    scripts.put(name, new ArrayDeque<>(nextScript));
    response.onNext(job);
    response.onCompleted();
  }

  @Override
  public void getCustomJob(GetCustomJobRequest request, StreamObserver<CustomJob> response) {
    gets.add(request.getName());
    CustomJob job = jobs.get(request.getName());
    if (job == null) {
      response.onError(Status.NOT_FOUND.withDescription("no job " + request.getName()).asRuntimeException());
      return;
    }
    Deque<JobState> script = scripts.get(request.getName());
    JobState state = script.size() > 1 ? script.poll() : script.peek();
    if (job.getState() == JobState.JOB_STATE_CANCELLING || job.getState() == JobState.JOB_STATE_CANCELLED) {
      state = JobState.JOB_STATE_CANCELLED;
    }
    CustomJob.Builder updated = job.toBuilder().setState(state);
    if (state == JobState.JOB_STATE_RUNNING && !job.hasStartTime()) {
      updated.setStartTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_700_000_100L));
    }
    if (state == JobState.JOB_STATE_FAILED && finalError != null) {
      updated.setError(finalError);
    }
    job = updated.build();
    jobs.put(job.getName(), job);
    onState.accept(job, state);
    response.onNext(job);
    response.onCompleted();
  }

  @Override
  public void cancelCustomJob(CancelCustomJobRequest request, StreamObserver<Empty> response) {
    cancels.add(request.getName());
    CustomJob job = jobs.get(request.getName());
    if (job == null) {
      response.onError(Status.NOT_FOUND.asRuntimeException());
      return;
    }
    jobs.put(job.getName(), job.toBuilder().setState(JobState.JOB_STATE_CANCELLING).build());
    response.onNext(Empty.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
