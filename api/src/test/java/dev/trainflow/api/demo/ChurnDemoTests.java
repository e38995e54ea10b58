package dev.trainflow.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.api.EmbeddedApiTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** `demo churn` against the test service: issue 9's flow ends in a prediction from the promoted run. */
class ChurnDemoTests extends EmbeddedApiTest {
  @LocalServerPort int port;

  @Test
  void shouldTuneAndPromoteAChurnModelAndServeIt() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    boolean succeeded = new ChurnDemo(new DemoClient("http://localhost:" + port, out)).run();

    String text = printed.toString(StandardCharsets.UTF_8);
    System.out.println(text);
    assertThat(succeeded).as(text).isTrue();
    assertThat(text).contains("gate min_auc_roc", "trial 6 ", "improved", "-> staging", "-> production", "95% CI");
    assertThat(text).containsPattern("p\\(churn\\) 0\\.\\d{3}");
    assertThat(text).containsPattern("served by revision run-\\d+ \\(X-Trainflow-Revision\\), the promoted run's: yes");
  }
}
