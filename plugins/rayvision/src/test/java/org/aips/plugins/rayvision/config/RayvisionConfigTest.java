package org.aips.plugins.rayvision.config;

import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.client.Operation;
import org.aips.plugins.rayvision.client.PathSet;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RayvisionConfigTest {

  private static JsonObject account() {
    return new JsonObject().put("domain", "127.0.0.1:8089").put("platform", 2).put("accessId", "id").put("accessKeyEnv", "RV_KEY");
  }

  @Test
  void theOnlyAccountIsTheDefaultAndItsKeyComesFromTheEnvironment() {
    RayvisionConfig config = RayvisionConfig.fromJson(new JsonObject().put("accounts", new JsonObject().put("demo", account()))
        .put("client", new JsonObject().put("paths", new JsonObject().put("QUERY_TASK_INFO", "/v2/info"))), Map.of("RV_KEY", "secret")::get);
    assertThat(config.account(null)).hasValueSatisfying(a -> {
      assertThat(a.accessKey()).isEqualTo("secret");
      assertThat(a.platform()).isEqualTo("2");
      assertThat(a.port()).isEqualTo(8089);
      assertThat(a.toString()).doesNotContain("secret");
    });
    assertThat(config.client().path(Operation.QUERY_TASK_INFO)).isEqualTo("/v2/info");
    assertThat(config.client().path(Operation.SUBMIT_TASK)).isEqualTo(Operation.SUBMIT_TASK.defaultPath());
    assertThat(config.account("other")).isEmpty();
    assertThat(config.client().pathSet()).isEqualTo(PathSet.SEED);
    assertThat(config.poll().refusedTimeoutMillis()).isEqualTo(PollSettings.DEFAULT_REFUSED_TIMEOUT_MILLIS);
  }

  @Test
  void oneSwitchSelectsTheSdksCurrentPathsAndOverridesStillWin() {
    RayvisionConfig config = RayvisionConfig.fromJson(new JsonObject().put("client", new JsonObject().put("pathSet", "sdk")
        .put("paths", new JsonObject().put("SUBMIT_TASK", "/custom/submit"))), name -> null);
    assertThat(config.client().path(Operation.QUERY_TASK_INFO)).isEqualTo("/api/render/handle/queryTaskInfo/v2");
    assertThat(config.client().path(Operation.CREATE_TASK)).isEqualTo("/api/render/submit/createTask");
    assertThat(config.client().path(Operation.SUBMIT_TASK)).isEqualTo("/custom/submit");
    assertThatThrownBy(() -> RayvisionConfig.fromJson(new JsonObject().put("client", new JsonObject().put("pathSet", "v3")), name -> null))
        .hasMessageContaining("pathSet must be \"seed\" or \"sdk\"");
  }

  @Test
  void noAccountsMeansNoDefaultButAValidConfig() {
    RayvisionConfig config = RayvisionConfig.fromJson(new JsonObject(), name -> null);
    assertThat(config.account(null)).isEmpty();
    assertThat(config.maxConcurrentRenders()).isEqualTo(1000);
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> RayvisionConfig.fromJson(new JsonObject().put("accounts", new JsonObject().put("demo", account())),
        name -> null)).hasMessageContaining("accounts.demo.accessKeyEnv names RV_KEY, which is not set");
    assertThatThrownBy(() -> RayvisionConfig.fromJson(new JsonObject().put("accounts", new JsonObject()
        .put("demo", account().put("domain", "https://x/")).put("demo2", account())), Map.of("RV_KEY", "k")::get))
        .hasMessageContaining("accounts.demo: domain must be a host name");
    assertThatThrownBy(() -> RayvisionConfig.fromJson(new JsonObject().put("client", new JsonObject()
        .put("paths", new JsonObject().put("NOPE", "/x"))), name -> null)).hasMessageContaining("unknown operation in paths: NOPE");
    assertThatThrownBy(() -> RayvisionConfig.fromJson(new JsonObject().put("poll", new JsonObject().put("batchSize", 0)), name -> null))
        .hasMessageContaining("poll.batchSize");
    assertThatThrownBy(() -> RayvisionConfig.fromJson(new JsonObject().put("defaultAccount", "x"), name -> null))
        .hasMessageContaining("defaultAccount 'x'");
  }
}
