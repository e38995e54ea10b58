package dev.trainflow.deploy.server;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.exceptions.TFInvalidArgumentException;

/**
 * Server-side batching: concurrent predict requests are concatenated into one TensorFlow call and
 * each gets its own rows back. A batch thread takes the oldest request, adds every request already
 * queued (up to {@code maxBatchSize} rows), and waits up to the batch timeout for more only while
 * other requests are still being read and parsed, so a crowd fills batches. A request larger than
 * the maximum runs alone, never split. At most {@code threads} batches run at a time.
 *
 * <p>A lone request (nothing queued, no other request arriving, a batch slot free) runs at once on
 * its own HTTP thread: batching could add nothing to it, and skipping the two thread hand-offs
 * is a good part of a single caller's latency.
 */
final class BatchScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchScheduler.class);

  private final BatchingSettings settings;
  private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  /** Requests received and not yet queued (or failed): what a batch may still wait for. */
  private final AtomicInteger arriving = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();
  /** One permit per batch that may run at a time, on a batch thread or inline. */
  private final Semaphore slots;
  private final DistributionSummary batchRows;
  private volatile boolean closed;

  private record Task(ServableVersion servable, PredictInput input, CompletableFuture<BatchResult> result) {}

  BatchScheduler(BatchingSettings settings, MeterRegistry meters) {
    this.settings = settings;
    this.slots = new Semaphore(settings.threads());
    this.batchRows =
        DistributionSummary.builder("model_server_batch_rows").description("rows per TensorFlow call").register(meters);
    for (int i = 0; i < settings.threads(); i++) {
      Thread thread = new Thread(this::runBatches, "model-batch-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  /** A request has arrived: batches being formed may wait for it. Pair with {@link #submit} or {@link #abandon}. */
  void arrive() {
    arriving.incrementAndGet();
  }

  /** An arrived request will not be submitted (it was bad). */
  void abandon() {
    arriving.decrementAndGet();
  }

  /** Queues an arrived request; the future completes with its rows of the batch it ran in. */
  CompletableFuture<BatchResult> submit(ServableVersion servable, PredictInput input) {
    CompletableFuture<BatchResult> result = new CompletableFuture<>();
    if (closed) {
      arriving.decrementAndGet();
      result.completeExceptionally(new ServingException(503, "the model server is shutting down"));
      return result;
    }
    Task task = new Task(servable, input, result);
    if (arriving.get() == 1 && queue.isEmpty() && slots.tryAcquire()) {
      arriving.decrementAndGet();
      try {
        runOne(List.of(task));
      } finally {
        slots.release();
      }
      return result;
    }
    queue.add(task);
    arriving.decrementAndGet();
    return result;
  }

  private void runBatches() {
    Task carried = null;
    while (!closed) {
      try {
        Task first = carried != null ? carried : queue.take();
        carried = null;
        slots.acquire();
        try {
          carried = collectAndRun(first);
        } finally {
          slots.release();
        }
      } catch (InterruptedException e) {
        break;
      }
    }
    if (carried != null) {
      carried.result().completeExceptionally(new ServingException(503, "the model server is shutting down"));
    }
  }

  /** Runs {@code first} with what joins it; returns the request that did not fit, if any. */
  private Task collectAndRun(Task first) {
    Task carried = null;
    List<Task> batch = new ArrayList<>();
    batch.add(first);
    int rows = first.input().rows();
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    try {
      while (rows < settings.maxBatchSize()) {
        Task next = queue.poll();
        if (next == null) {
          long left = deadline - System.nanoTime();
          if (arriving.get() == 0 || left <= 0) {
            break;
          }
          next = queue.poll(Math.min(left, 200_000L), TimeUnit.NANOSECONDS);
          if (next == null) {
            continue;
          }
        }
        if (rows + next.input().rows() > settings.maxBatchSize()) {
          carried = next;
          break;
        }
        batch.add(next);
        rows += next.input().rows();
      }
    } catch (InterruptedException e) {
      // closing: answer what was collected, then stop
      Thread.currentThread().interrupt();
    }
    run(batch);
    return carried;
  }

  /** One TensorFlow call per (version, signature) among the batch's requests, usually exactly one. */
  private void run(List<Task> batch) {
    Map<Group, List<Task>> groups = new LinkedHashMap<>();
    for (Task task : batch) {
      groups.computeIfAbsent(new Group(task.servable(), task.input().signature().key()), g -> new ArrayList<>()).add(task);
    }
    groups.values().forEach(this::runOne);
  }

  /** Requests that can share a call: the same loaded version (by identity) and signature. */
  private record Group(ServableVersion servable, String signature) {}

  private void runOne(List<Task> tasks) {
    ServingSignature signature = tasks.get(0).input().signature();
    try {
      Map<String, FeatureColumn> columns = new LinkedHashMap<>();
      for (TensorSpec input : signature.inputs().values()) {
        List<FeatureColumn> parts = new ArrayList<>(tasks.size());
        tasks.forEach(task -> parts.add(task.input().columns().get(input.key())));
        columns.put(input.key(), parts.size() == 1 ? parts.get(0) : FeatureColumn.concat(input.dtype(), parts));
      }
      Map<String, OutputTensor> outputs = tasks.get(0).servable().run(signature, columns);
      int offset = 0;
      int total = tasks.stream().mapToInt(t -> t.input().rows()).sum();
      batchRows.record(total);
      for (Task task : tasks) {
        task.result().complete(new BatchResult(outputs, offset, task.input().rows()));
        offset += task.input().rows();
      }
    } catch (TFInvalidArgumentException e) {
      fail(tasks, ServingException.badRequest(firstLine(e.getMessage())));
    } catch (ServingException e) {
      fail(tasks, e);
    } catch (RuntimeException e) {
      log.error("the model failed on a batch of {} requests", tasks.size(), e);
      fail(tasks, new ServingException(500, "the model failed: " + firstLine(e.getMessage())));
    }
  }

  private static void fail(List<Task> tasks, ServingException error) {
    tasks.forEach(task -> task.result().completeExceptionally(error));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  @Override
  public void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Task task; (task = queue.poll()) != null; ) {
      task.result().completeExceptionally(new ServingException(503, "the model server is shutting down"));
    }
  }
}
