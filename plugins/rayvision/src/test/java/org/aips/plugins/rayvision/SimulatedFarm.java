package org.aips.plugins.rayvision;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.aips.plugins.rayvision.client.ClientOptions;
import org.aips.plugins.rayvision.client.RayvisionAccount;
import org.aips.plugins.rayvision.client.RayvisionClient;
import org.aips.rayvision.simulator.RenderbusSimulator;
import org.aips.rayvision.simulator.SimulatorOptions;

/** A simulator on a free loopback port and clients for it. */
public final class SimulatedFarm implements AutoCloseable {

  public static final String ACCESS_ID = "test-access-id";
  public static final String ACCESS_KEY = "test-access-key-never-logged";

  public final Vertx vertx = Vertx.vertx();
  public final WebClient webClient = WebClient.create(vertx);
  public final RenderbusSimulator simulator;

  public SimulatedFarm(SimulatorOptions options) {
    simulator = RenderbusSimulator.start(vertx, options).await();
  }

  public SimulatedFarm() {
    this(SimulatorOptions.defaults(ACCESS_ID, ACCESS_KEY));
  }

  public RayvisionAccount account(String accessId, String accessKey) {
    return new RayvisionAccount("sim", "127.0.0.1:" + simulator.port(), "2", accessId, accessKey, false);
  }

  public RayvisionClient client(ClientOptions options) {
    return RayvisionClient.create(vertx, webClient, account(ACCESS_ID, ACCESS_KEY), options);
  }

  /** Quick retries so failure tests stay fast. */
  public RayvisionClient client() {
    return client(ClientOptions.defaults().withRetries(4, 20, 100).withTimeouts(1_000, 2_000));
  }

  /** A 3ds Max task.json of the shape an analysis writes, without the farm's stamp. */
  public static JsonObject maxScene(String frames) {
    return new JsonObject()
        .put("task_info", new JsonObject().put("input_cg_file", "D:/scenes/shot.max").put("cg_id", "2001").put("ram", "64")
            .put("os_name", "1").put("enable_layered", "0"))
        .put("software_config", new JsonObject().put("cg_name", "3ds Max").put("cg_version", "2018").put("plugins", new JsonObject()))
        .put("scene_info_render", new JsonObject().put("common", new JsonObject().put("frames", frames)));
  }

  /** {@link #maxScene} stamped as the farm expects it for an upload (task and user id as strings). */
  public static JsonObject stampedMaxScene(long taskId, long userId, String frames) {
    JsonObject json = maxScene(frames);
    json.getJsonObject("task_info").put("task_id", Long.toString(taskId)).put("user_id", Long.toString(userId)).put("project_id", "0");
    return json;
  }

  @Override
  public void close() {
    simulator.close().await();
    vertx.close().await();
  }
}
