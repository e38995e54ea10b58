package dev.trainflow.api.runtime;

import dev.trainflow.workflows.spec.PriceSheet;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's prices ({@code trainflow.pricing.*}): hourly USD per machine type and per GPU,
 * and the preemptible discount. Anything not set keeps {@link PriceSheet#standard()}'s value.
 */
@ConfigurationProperties("trainflow.pricing")
public record PricingSettings(
    Map<String, Double> machineHourlyUsd, Map<String, Double> gpuHourlyUsd, Double preemptibleDiscount) {

  public PriceSheet priceSheet() {
    PriceSheet standard = PriceSheet.standard();
    Map<String, Double> machines = new HashMap<>(standard.machineHourlyUsd());
    Map<String, Double> gpus = new HashMap<>(standard.gpuHourlyUsd());
    if (machineHourlyUsd != null) {
      machines.putAll(machineHourlyUsd);
    }
    if (gpuHourlyUsd != null) {
      gpus.putAll(gpuHourlyUsd);
    }
    return new PriceSheet(
        Map.copyOf(machines),
        Map.copyOf(gpus),
        preemptibleDiscount != null ? preemptibleDiscount : standard.preemptibleDiscount());
  }
}
