package org.aips.rayvision.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A render farm in memory that speaks the Renderbus API contract (signed POSTs, the response
 * envelope, the documented error codes, task and frame statuses moving over time). It is a test
 * double for the one third-party service AIPS cannot run here; it is not Renderbus and its task
 * aliases start with {@code SIM} so that nobody mistakes its answers for real ones.
 */
public final class RenderbusSimulator {

  private static final long SLOW_MILLIS = 5_000;
  private static final long DELAY_MILLIS = 500;

  private final Vertx vertx;
  private final SignatureVerifier verifier;
  private final Farm farm;
  private final Faults faults = new Faults();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, String> lastBodies = new ConcurrentHashMap<>();
  private final Map<Endpoint, Function<Params, Object>> routes;
  private final Map<String, Endpoint> endpoints = new java.util.HashMap<>();
  private HttpServer server;

  private RenderbusSimulator(Vertx vertx, SimulatorOptions options) {
    this.vertx = vertx;
    this.verifier = new SignatureVerifier(options.accounts(), options.maxClockSkewSeconds());
    this.farm = new Farm(options, System::currentTimeMillis);
    this.routes = Routes.of(farm);
    for (Endpoint endpoint : Endpoint.values()) { // both path sets: the seed's and the current SDK's
      endpoints.put(endpoint.seedPath(), endpoint);
      endpoints.put(endpoint.sdkPath(), endpoint);
    }
  }

  /** Starts the HTTP server on the options' port (0: any free port). */
  public static Future<RenderbusSimulator> start(Vertx vertx, SimulatorOptions options) {
    RenderbusSimulator simulator = new RenderbusSimulator(vertx, options);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(16L * 1024 * 1024));
    router.route().handler(simulator::handle);
    return vertx.createHttpServer().requestHandler(router).listen(options.port(), "127.0.0.1").map(server -> {
      simulator.server = server;
      return simulator;
    });
  }

  public int port() {
    return server.actualPort();
  }

  /** Requests received on one path, whatever their outcome. */
  public int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  /** Requests received for one call, under either of its paths. */
  public int requests(Endpoint endpoint) {
    return requests(endpoint.seedPath()) + (endpoint.sdkPath().equals(endpoint.seedPath()) ? 0 : requests(endpoint.sdkPath()));
  }

  /** The raw body of the last request on a path, as it came over the wire. */
  public Optional<String> lastBody(String path) {
    return Optional.ofNullable(lastBodies.get(path));
  }

  /** The task.json the farm holds for a task, once uploaded. */
  public Optional<JsonObject> uploadedTaskJson(long taskId) {
    return Optional.ofNullable(farm.uploadedTaskJson(taskId));
  }

  public int totalRequests() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Makes the next {@code times} requests to {@code path} (any path when null) fail with {@code fault}. */
  public void inject(String path, Fault fault, int times) {
    faults.add(path, fault, times);
  }

  /** A task as the farm sees it now, in the contract's TaskInfo shape. */
  public Optional<JsonObject> task(long taskId) {
    return Optional.ofNullable(farm.snapshot(taskId));
  }

  /** Ids of every task created so far (not the layers of layered tasks), oldest first. */
  public java.util.List<Long> taskIds() {
    return farm.taskIds();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(RoutingContext rc) {
    String path = rc.request().path();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    if (rc.body() != null && rc.body().buffer() != null) {
      lastBodies.put(path, rc.body().asString("ISO-8859-1")); // byte for byte: non-ASCII bytes stay visible
    }
    Endpoint endpoint = endpoints.get(path);
    if (endpoint == null) {
      answer(rc, 404, Envelope.error(ApiError.NOT_FOUND, "no such API: " + path));
      return;
    }
    if (rc.request().method() != HttpMethod.POST) {
      answer(rc, 405, Envelope.error(ApiError.ILLEGAL_PROTOCOL, "only POST is allowed"));
      return;
    }
    Optional<Fault> fault = faults.take(path);
    if (fault.filter(f -> f == Fault.DELAYED).isPresent()) {
      vertx.setTimer(DELAY_MILLIS, id -> answer(rc, 200, call(rc, path, endpoint)));
      return;
    }
    if (fault.isPresent()) {
      fail(rc, fault.get());
      return;
    }
    answer(rc, 200, call(rc, path, endpoint));
  }

  private JsonObject call(RoutingContext rc, String path, Endpoint endpoint) {
    try {
      JsonObject body = body(rc);
      verifier.verify(rc.request().getHeader("Host"), path, rc.request().headers(), body);
      endpoint.schema().check(body);
      return Envelope.success(routes.get(endpoint).apply(new Params(body)));
    } catch (ApiError e) {
      return Envelope.error(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      return Envelope.error(500, "server error: " + e);
    }
  }

  private static JsonObject body(RoutingContext rc) {
    String text = rc.body().asString();
    if (text == null || text.isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(text);
    } catch (RuntimeException e) {
      throw new ApiError(ApiError.ILLEGAL_PROTOCOL, "the body must be a JSON object");
    }
  }

  private void fail(RoutingContext rc, Fault fault) {
    switch (fault) {
      case HTTP_503 -> rc.response().setStatusCode(503).putHeader("content-type", "text/plain").end("Service Unavailable");
      case CONNECTION_RESET -> rc.request().connection().close();
      case SIGNATURE_EXPIRED -> answer(rc, 200, Envelope.error(ApiError.SIGNATURE_EXPIRED, "signature expired"));
      case SERVER_ERROR -> answer(rc, 200, Envelope.error(500, "server error"));
      case SLOW -> vertx.setTimer(SLOW_MILLIS, id -> answer(rc, 200, Envelope.error(500, "too slow")));
      case DELAYED -> throw new IllegalStateException("handled before");
    }
  }

  private static void answer(RoutingContext rc, int status, JsonObject envelope) {
    if (!rc.response().closed() && !rc.response().ended()) {
      rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(envelope.encode());
    }
  }
}
