package org.aips.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

  @Test
  void environmentVariablesOverrideTheFileWhichOverridesTheDefaults() throws Exception {
    Path file = Files.createTempFile("aips", ".yaml");
    Files.writeString(file, "http:\n  port: 9000\n  instances: 1\nqueue:\n  vipStep: 3\n");
    AipsConfig config = ConfigLoader.load(file, Map.of("AIPS_HTTP_PORT", "9100", "AIPS_DATA_DIR", "/tmp/aips-data",
        "AIPS_ROLES", "executor, http", "AIPS_JWT_SECRET", "0123456789abcdef0123456789abcdef"));
    assertThat(config.httpPort()).isEqualTo(9100);
    assertThat(config.httpInstances()).isEqualTo(1);
    assertThat(config.vipStep()).isEqualTo(3);
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/aips-data"));
    assertThat(config.pluginsDir()).isEqualTo(Path.of("/tmp/aips-data/plugins"));
    assertThat(config.roles()).containsExactlyInAnyOrder(AipsConfig.Role.EXECUTOR, AipsConfig.Role.HTTP);
    assertThat(config.keepSecondsDefault()).isEqualTo(86400);
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AIPS_HTTP_PORT", "70000", "AIPS_JWT_SECRET", "short")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http.port must be 0..65535")
        .hasMessageContaining("auth.jwtSecret (AIPS_JWT_SECRET) must be at least 32 characters");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AIPS_HTTP_PORT", "eighty")))
        .hasMessageContaining("http.port must be a port number");
  }

  @Test
  void eventLoopsAreOneOnTwoCoresOrFewerUnlessSet() {
    AipsConfig automatic = ConfigLoader.load(null, Map.of());
    assertThat(automatic.eventLoops(1)).isEqualTo(1);
    assertThat(automatic.eventLoops(2)).isEqualTo(1);
    assertThat(automatic.eventLoops(8)).as("Vert.x's default").isEqualTo(16);
    assertThat(ConfigLoader.load(null, Map.of("AIPS_EVENT_LOOPS", "3")).eventLoops(2)).isEqualTo(3);
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AIPS_EVENT_LOOPS", "-1")))
        .hasMessageContaining("eventLoops must be 0 (automatic) or more");
  }

  @Test
  void aSwitchThatIsNotABooleanIsNamed() throws Exception {
    Path file = Files.createTempFile("aips", ".yaml");
    Files.writeString(file, "http:\n  compression: maybe\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).hasMessageContaining("http.compression must be true or false");
    Files.writeString(file, "http:\n  compression: true\n");
    assertThat(ConfigLoader.load(file, Map.of()).httpCompression()).isTrue();
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("/no/such/aips.yaml"), Map.of()))
        .hasMessageContaining("/no/such/aips.yaml");
  }

  @Test
  void inferenceSettingsComeFromEnvironmentAndUserModelsFromTheFile() throws Exception {
    Path file = Files.createTempFile("aips", ".yaml");
    Files.writeString(file, "inference:\n  models:\n    mine: {format: savedmodel, path: /models/mine, input: x, outputs: [y], maxBatch: 8}\n");
    AipsConfig config = ConfigLoader.load(file, Map.of("AIPS_INFERENCE_WORKERS", "3", "AIPS_MODEL_PACK_DIR", "/opt/pack"));
    assertThat(config.inferenceWorkers()).isEqualTo(3);
    assertThat(config.modelPackDir()).isEqualTo(Path.of("/opt/pack"));
    assertThat(config.inferenceModels().fieldNames()).contains("mine", "blazeface", "facemesh", "faceres", "centernet");
    assertThat(config.roles()).contains(AipsConfig.Role.INFERENCE);
  }

  @Test
  void aBadModelEntryIsNamed() throws Exception {
    Path file = Files.createTempFile("aips", ".yaml");
    Files.writeString(file, "inference:\n  models:\n    broken: {format: onnx, input: x, outputs: y, maxBatch: 0}\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageContaining("inference.models.broken.path is required")
        .hasMessageContaining("inference.models.broken.outputs must be a list")
        .hasMessageContaining("inference.models.broken.format must be graph or savedmodel")
        .hasMessageContaining("inference.models.broken.maxBatch must be at least 1");
  }

  @Test
  void consoleSettingsHaveDefaultsAndBadOnesAreNamed() throws Exception {
    assertThat(ConfigLoader.load(null, Map.of()).console())
        .isEqualTo(new org.aips.server.console.ConsoleSettings(true, 60, 1000, 1000, 15));
    Path file = Files.createTempFile("aips", ".yaml");
    Files.writeString(file, "console:\n  cacheMaxAgeSeconds: -1\n  watch: {maxStreams: -2, heartbeatSeconds: 0}\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageContaining("console.cacheMaxAgeSeconds must not be negative")
        .hasMessageContaining("console.watch.maxStreams must not be negative")
        .hasMessageContaining("console.watch.heartbeatSeconds must be at least 1");
    Files.writeString(file, "console:\n  enabled: nope\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).hasMessageContaining("console:");
  }
}
