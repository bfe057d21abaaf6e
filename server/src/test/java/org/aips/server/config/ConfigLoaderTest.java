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
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("/no/such/aips.yaml"), Map.of()))
        .hasMessageContaining("/no/such/aips.yaml");
  }
}
