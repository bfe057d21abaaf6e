package org.aips.server.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.APIKeyHandler;
import io.vertx.ext.web.handler.BodyHandler;
import org.aips.server.config.AipsConfig;
import org.aips.server.plugin.LoadedPlugins;
import org.aips.server.plugin.PluginHostImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plugin APIs, each under its base path: authentication (x-token unless {@code plugins.auth.<id>}
 * says {@code none}), bodies, and the plugin's OpenAPI document. A body sent as
 * {@code application/octet-stream} is left unread (paused) for the plugin to stream into the blob
 * store; any other body is read by a body handler (http.bodyLimitBytes; multipart files go to disk).
 * A plugin whose base path is invalid or whose router cannot be built is logged and left out.
 */
final class PluginRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(PluginRoutes.class);

  private record Mounted(String pluginId, String basePath, Router router, LoadedPlugins.PluginApi api) {
  }

  private final Vertx vertx;
  private final AipsConfig config;
  private final List<Mounted> mounted;

  private PluginRoutes(Vertx vertx, AipsConfig config, List<Mounted> mounted) {
    this.vertx = vertx;
    this.config = config;
    this.mounted = mounted;
  }

  static PluginRoutes mount(Vertx vertx, AipsConfig config, List<LoadedPlugins.PluginApi> apis, java.util.Map<String, PluginHostImpl> hosts) {
    List<Mounted> mounted = new ArrayList<>();
    Set<String> bases = new HashSet<>();
    for (LoadedPlugins.PluginApi api : apis) {
      try {
        String base = api.api().basePath();
        if (base == null || !base.matches("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*") || base.equals("/api") || base.startsWith("/api/")
            || base.equals("/health") || !bases.add(base)) {
          LOG.error("HTTP API of plugin {} left out: base path '{}' is invalid, reserved or taken", api.pluginId(), base);
          continue;
        }
        mounted.add(new Mounted(api.pluginId(), base, api.api().router(hosts.get(api.pluginId())), api));
      } catch (RuntimeException | LinkageError e) {
        LOG.error("HTTP API of plugin {} left out: building its router failed", api.pluginId(), e);
      }
    }
    return new PluginRoutes(vertx, config, mounted);
  }

  boolean owns(String path) {
    return mounted.stream().anyMatch(m -> path.equals(m.basePath()) || path.startsWith(m.basePath() + "/"));
  }

  void addTo(Router router, APIKeyHandler auth) {
    BodyHandler body = BodyHandler.create(config.dataDir().resolve("tmp").resolve("uploads").toString())
        .setBodyLimit(config.bodyLimitBytes()).setDeleteUploadedFilesOnEnd(true);
    JsonArray contracts = new JsonArray().add(new JsonObject().put("name", "aips").put("url", "/api/openapi.yaml"));
    for (Mounted m : mounted) {
      m.api().api().openApiResource().ifPresent(resource -> {
        String url = "/api/openapi/plugins/" + m.pluginId() + ".yaml";
        contracts.add(new JsonObject().put("name", m.pluginId()).put("url", url).put("basePath", m.basePath()));
        router.get(url).handler(rc -> vertx.executeBlocking(() -> m.api().classLoader().getResourceAsStream(resource).readAllBytes())
            .onSuccess(bytes -> rc.response().putHeader("content-type", "application/yaml").end(Buffer.buffer(bytes)))
            .onFailure(rc::fail));
      });
      String paths = m.basePath() + "/*";
      if (!"none".equals(config.pluginAuth(m.pluginId()))) {
        router.route(paths).handler(auth);
      }
      router.route(paths).handler(rc -> readOrPause(rc, body));
      router.route(m.basePath() + "/*").subRouter(m.router());
    }
    router.get("/api/openapi").handler(rc -> rc.response().putHeader("content-type", "application/json")
        .end(new JsonObject().put("contracts", contracts).encode()));
  }

  private static void readOrPause(RoutingContext rc, BodyHandler body) {
    String type = rc.request().getHeader("content-type");
    if (type != null && type.toLowerCase().startsWith("application/octet-stream")) {
      rc.request().pause();
      rc.next();
    } else {
      body.handle(rc);
    }
  }
}
