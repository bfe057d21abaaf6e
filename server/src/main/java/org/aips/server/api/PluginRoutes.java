package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.APIKeyHandler;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.aips.server.config.AipsConfig;
import org.aips.server.metrics.HttpServerMeters;
import org.aips.server.plugin.LoadedPlugins;
import org.aips.server.plugin.PluginHostImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plugin APIs, each under its base path: authentication (x-token unless {@code plugins.auth.<id>}
 * says {@code none}), bodies, and the plugin's OpenAPI document, which is served, listed at
 * {@code /api/openapi}, and checked against every request before the plugin sees it (its server URL
 * is taken to be the base path). A body sent
 * as {@code application/octet-stream} or an image type ({@code image/*}) is left unread (paused)
 * for the plugin to stream (into the blob store, or with a limit of its own); any other body is read by a body handler (http.bodyLimitBytes; multipart files go to
 * disk). Errors the host answers use the plugin's envelope ({@code HttpApi.errorBody}). A plugin
 * whose base path is invalid, or whose router or contract cannot be built, is logged and left out.
 */
final class PluginRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(PluginRoutes.class);
  /** Reserved for the core API, health checks, metrics, the console and the API docs. */
  private static final Set<String> RESERVED = Set.of("/api", "/health", "/metrics", "/console", "/docs");

  private record Mounted(LoadedPlugins.PluginApi plugin, String basePath, Router router, Optional<PluginContract> contract) {
  }

  private record PluginContract(String resource, OpenAPIContract contract, ContractValidation validation) {
  }

  private final Vertx vertx;
  private final AipsConfig config;
  private final List<Mounted> mounted;

  private PluginRoutes(Vertx vertx, AipsConfig config, List<Mounted> mounted) {
    this.vertx = vertx;
    this.config = config;
    this.mounted = mounted;
  }

  static Future<PluginRoutes> mount(Vertx vertx, AipsConfig config, List<LoadedPlugins.PluginApi> apis, Map<String, PluginHostImpl> hosts) {
    List<Future<Optional<Mounted>>> all = new ArrayList<>();
    Set<String> bases = new HashSet<>();
    for (LoadedPlugins.PluginApi plugin : apis) {
      all.add(mountOne(vertx, plugin, hosts.get(plugin.pluginId()), bases).otherwise(e -> {
        LOG.error("HTTP API of plugin {} left out: {}", plugin.pluginId(), e.getMessage(), e);
        return Optional.empty();
      }));
    }
    return Future.all(all).map(done -> new PluginRoutes(vertx, config,
        all.stream().map(Future::result).flatMap(Optional::stream).toList()));
  }

  private static Future<Optional<Mounted>> mountOne(Vertx vertx, LoadedPlugins.PluginApi plugin, PluginHostImpl host, Set<String> bases) {
    try {
      String base = plugin.api().basePath();
      if (base == null || !base.matches("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*")
          || RESERVED.stream().anyMatch(r -> base.equals(r) || base.startsWith(r + "/")) || !bases.add(base)) {
        return Future.failedFuture(new IllegalArgumentException("base path '" + base + "' is invalid, reserved or taken"));
      }
      Router router = plugin.api().router(host);
      Optional<String> resource = plugin.api().openApiResource();
      if (resource.isEmpty()) {
        return Future.succeededFuture(Optional.of(new Mounted(plugin, base, router, Optional.empty())));
      }
      return vertx.executeBlocking(() -> readYaml(plugin.classLoader(), resource.get()), false)
          // the base path is the contract's server, whatever the document says (vertx-openapi wants an absolute URL)
          .map(json -> json.put("servers", new JsonArray().add(new JsonObject().put("url", "http://localhost" + base))))
          .compose(json -> OpenAPIContract.from(vertx, json))
          .map(contract -> Optional.of(new Mounted(plugin, base, router, Optional.of(
              new PluginContract(resource.get(), contract, new ContractValidation(contract, RequestExtractor.withBodyHandler(), false))))));
    } catch (RuntimeException | LinkageError e) {
      return Future.failedFuture(e);
    }
  }

  boolean owns(String path) {
    for (Mounted m : mounted) { // on every request: no stream, no string built
      String base = m.basePath();
      if (path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/')) {
        return true;
      }
    }
    return false;
  }

  /** {@code limits}: the node's per-user budgets, or null when off. */
  void addTo(Router router, APIKeyHandler auth, UserRateLimits limits) {
    BodyHandler body = BodyHandler.create(config.dataDir().resolve("tmp").resolve("uploads").toString())
        .setBodyLimit(config.bodyLimitBytes()).setDeleteUploadedFilesOnEnd(true);
    JsonArray contracts = new JsonArray().add(new JsonObject().put("name", "aips").put("url", "/api/openapi.yaml"));
    for (Mounted m : mounted) {
      String id = m.plugin().pluginId();
      String paths = m.basePath() + "/*";
      m.contract().ifPresent(contract -> {
        String url = "/api/openapi/plugins/" + id + ".yaml";
        contracts.add(new JsonObject().put("name", id).put("url", url).put("basePath", m.basePath()));
        router.get(url).handler(rc -> vertx.executeBlocking(() -> read(m.plugin().classLoader(), contract.resource()), false)
            .onSuccess(bytes -> rc.response().putHeader("content-type", "application/yaml").end(Buffer.buffer(bytes)))
            .onFailure(rc::fail));
      });
      if (!"none".equals(config.pluginAuth(id))) {
        router.route(paths).handler(auth);
        if (limits != null) {
          router.route(paths).handler(limits::handle);
        }
      }
      router.route(paths).handler(rc -> readOrPause(rc, body));
      m.contract().ifPresent(contract -> router.route(paths).handler(rc -> validate(rc, contract)));
      router.route(paths).subRouter(HttpServerMeters.namingRoutesOf(m.router()));
      router.route(paths).failureHandler(rc -> ErrorResponses.handle(rc, m.plugin().api()::errorBody));
    }
    router.get("/api/openapi").handler(rc -> rc.response().putHeader("content-type", "application/json")
        .end(new JsonObject().put("contracts", contracts).encode()));
  }

  private static void validate(RoutingContext rc, PluginContract contract) {
    Operation operation = contract.contract().findOperation(rc.normalizedPath(), rc.request().method());
    if (operation == null) {
      rc.fail(404);
    } else {
      contract.validation().handler(operation).handle(rc);
    }
  }

  private static void readOrPause(RoutingContext rc, BodyHandler body) {
    String type = rc.request().getHeader("content-type");
    if (type != null && ContractValidation.isBinary(type)) {
      rc.request().pause();
      // answered before its body was read (refused, too large, a route that does not stream): the
      // unread rest would stall the connection, and draining a large upload wastes it, so close it
      rc.addHeadersEndHandler(v -> {
        if (!rc.request().isEnded()) {
          rc.response().putHeader("connection", "close");
        }
      });
      rc.next();
    } else {
      body.handle(rc);
    }
  }

  private static JsonObject readYaml(ClassLoader loader, String resource) throws Exception {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(read(loader, resource), java.nio.charset.StandardCharsets.UTF_8));
    if (!(tree instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(resource + " is not an OpenAPI document");
    }
    @SuppressWarnings("unchecked")
    JsonObject json = new JsonObject((Map<String, Object>) map);
    return json;
  }

  private static byte[] read(ClassLoader loader, String resource) throws Exception {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("the plugin jar has no " + resource);
      }
      return in.readAllBytes();
    }
  }
}
