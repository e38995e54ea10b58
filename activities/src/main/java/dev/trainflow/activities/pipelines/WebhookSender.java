package dev.trainflow.activities.pipelines;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.PipelineNotification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts a pipeline run's end to its webhook, or a notify task's report so far to the task's URL. The body is the notification as JSON; {@code
 * X-Trainflow-Signature: sha256=<hex>} is its HMAC-SHA256 under the service's webhook secret, so a
 * receiver can tell the service sent it; {@code X-Trainflow-Delivery} is the same for every retry of
 * one delivery, so a receiver can drop a repeat.
 */
public final class WebhookSender {
  public static final String SIGNATURE_HEADER = "X-Trainflow-Signature";

  private final byte[] secret;
  private final HttpClient http;

  public WebhookSender(String secret) {
    this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  public boolean configured() {
    return secret != null && secret.length > 0;
  }

  public void send(PipelineNotification notification) {
    if (!configured()) {
      throw TrainingFailures.invalidConfig("no webhook secret is configured (trainflow.pipelines.webhook-secret): nothing is sent unsigned");
    }
    byte[] body = JsonCodec.toJson(notification).getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(notification.url()))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("X-Trainflow-Event", notification.event())
            .header("X-Trainflow-Delivery", notification.deliveryId())
            .header(SIGNATURE_HEADER, "sha256=" + sign(secret, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw TrainingFailures.of(FailureReason.TRANSIENT_IO, "webhook " + notification.url() + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TrainingFailures.of(FailureReason.TRANSIENT_IO, "interrupted while posting to " + notification.url(), e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String message = "webhook " + notification.url() + " answered " + status;
    // a 4xx other than 429 will not change on a retry: the receiver refuses this request
    boolean retryable = status >= 500 || status == 429 || status < 200 || (status >= 300 && status < 400);
    throw TrainingFailures.of(retryable ? FailureReason.TRANSIENT_IO : FailureReason.INVALID_CONFIG, message);
  }

  /** Hex HMAC-SHA256 of {@code body} under {@code key}. */
  public static String sign(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable: " + e.getMessage(), e);
    }
  }
}
