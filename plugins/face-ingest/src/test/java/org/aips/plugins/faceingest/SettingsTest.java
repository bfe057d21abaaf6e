package org.aips.plugins.faceingest;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

  @Test
  void hnswGraphsAreInt8UnlessFloatsAreAskedFor() {
    assertThat(Settings.from(new JsonObject()).hnswQuantization()).isEqualTo("int8");
    assertThat(Settings.from(new JsonObject()).hnswInt8()).isTrue();
    assertThat(Settings.from(new JsonObject().put("hnswQuantization", "none")).hnswInt8()).isFalse();
    assertThat(Settings.from(new JsonObject().put("hnswQuantization", "none")).hnswQuantization()).isEqualTo("none");
    assertThatThrownBy(() -> Settings.from(new JsonObject().put("hnswQuantization", "int4")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("hnswQuantization must be int8 or none, not int4");
  }
}
