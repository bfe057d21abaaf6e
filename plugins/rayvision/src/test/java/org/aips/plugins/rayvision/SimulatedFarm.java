package org.aips.plugins.rayvision;

import io.vertx.core.Vertx;
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

  @Override
  public void close() {
    simulator.close().await();
    vertx.close().await();
  }
}
