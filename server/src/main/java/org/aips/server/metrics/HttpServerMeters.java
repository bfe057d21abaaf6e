package org.aips.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The REST API's request meters, under the names and labels vertx-micrometer-metrics gives them
 * ({@code vertx_http_server_requests_total{route,method,code}}, {@code vertx_http_server_response_time_seconds},
 * {@code vertx_http_server_active_requests{method}}, {@code vertx_http_server_active_connections}), so that
 * dashboards and alerts written for those keep working.
 *
 * <p>Why AIPS records them and Vert.x's HTTP-server metrics are off: Vert.x builds tag lists and looks up five
 * meters (one a gauge it registers again) for every request; on {@code query-task} that was 18% of the event
 * loop's time. Here a series' meters are looked up once and kept. The route is the template of the route that
 * answered ({@code /api/query-task/:queryCode}), never the path, so series stay few; a method outside HTTP's
 * own set is counted as {@code OTHER} for the same reason.
 */
public final class HttpServerMeters {

  static final String REQUESTS = "vertx.http.server.requests";
  static final String RESPONSE_TIME = "vertx.http.server.response.time";
  /** The routing context of the innermost sub-router a request went through (its route is the one that answered). */
  private static final String SUB_ROUTER_CONTEXT = "aips.metrics.subRouterContext";
  private static final Set<HttpMethod> KNOWN = Set.copyOf(HttpMethod.values());

  private record Series(String route, String method, int code) {
  }

  private record Meters(Counter requests, Timer responseTime) {
  }

  private final MeterRegistry registry;
  private final ConcurrentMap<Series, Meters> series = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicLong> activeRequests = new ConcurrentHashMap<>();
  private final AtomicLong activeConnections = new AtomicLong();

  HttpServerMeters(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("vertx.http.server.active.connections", activeConnections, AtomicLong::get)
        .description("Number of opened connections to the server").register(registry);
  }

  /** The router's first handler: counts the request as active and records it when its response ends. */
  public void handle(RoutingContext rc) {
    long start = System.nanoTime();
    HttpMethod requested = rc.request().method();
    String method = KNOWN.contains(requested) ? requested.name() : "OTHER";
    AtomicLong active = activeRequests.computeIfAbsent(method, this::activeGauge);
    active.incrementAndGet();
    rc.addEndHandler(ended -> {
      active.decrementAndGet();
      Meters meters = series.computeIfAbsent(new Series(route(rc), method, rc.response().getStatusCode()), this::meters);
      meters.requests().increment();
      meters.responseTime().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    });
    rc.next();
  }

  /**
   * Lets the meters name the routes of a router mounted as a sub-router (a plugin's): the parent's context only knows
   * the mount route, the sub-router's own context knows which of its routes answered.
   */
  public static Router namingRoutesOf(Router subRouter) {
    subRouter.route().order(Integer.MIN_VALUE).handler(rc -> {
      rc.put(SUB_ROUTER_CONTEXT, rc);
      rc.next();
    });
    return subRouter;
  }

  /** For the HTTP server's connection handler. */
  public Handler<HttpConnection> connections() {
    return connection -> {
      activeConnections.incrementAndGet();
      connection.closeHandler(closed -> activeConnections.decrementAndGet());
    };
  }

  /** The answering route's template, under its sub-router's mount point; empty when no route with a path answered (404). */
  private static String route(RoutingContext request) {
    RoutingContext sub = request.get(SUB_ROUTER_CONTEXT);
    RoutingContext rc = sub == null ? request : sub;
    Route route = rc.currentRoute();
    String path = route == null ? null : route.getPath();
    if (path == null) {
      return "";
    }
    String mount = rc.mountPoint();
    return mount == null || mount.isEmpty() || mount.equals("/") ? path
        : (mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount) + path;
  }

  private AtomicLong activeGauge(String method) {
    AtomicLong active = new AtomicLong();
    Gauge.builder("vertx.http.server.active.requests", active, AtomicLong::get).tag("method", method)
        .description("Number of requests being processed").register(registry);
    return active;
  }

  private Meters meters(Series s) {
    String code = Integer.toString(s.code());
    return new Meters(
        Counter.builder(REQUESTS).description("Number of processed requests")
            .tags("route", s.route(), "method", s.method(), "code", code).register(registry),
        Timer.builder(RESPONSE_TIME).description("Request processing time")
            .tags("route", s.route(), "method", s.method(), "code", code).register(registry));
  }
}
