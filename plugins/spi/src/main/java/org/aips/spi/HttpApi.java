package org.aips.spi;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.pf4j.ExtensionPoint;

import java.util.Optional;

/**
 * HTTP routes a plugin serves under its own base path (for example {@code /vcs}). The host mounts
 * the router behind authentication ({@code x-token} unless {@code plugins.auth.<id>} is
 * {@code none}; the uid is then in {@code routingContext.user().principal().getString("uid")}),
 * reads bodies (up to http.bodyLimitBytes; multipart files to disk) except
 * {@code application/octet-stream} ones, which it leaves paused for {@link Blobs#receive}, and,
 * when the plugin ships an OpenAPI document, checks every request against it first.
 */
public interface HttpApi extends ExtensionPoint {

  /** Where the routes are mounted, starting with '/', unique among plugins, not under {@code /api}. */
  String basePath();

  /** Builds the plugin's routes (paths relative to {@link #basePath()}). */
  Router router(PluginHost host);

  /**
   * Class-path resource (inside the plugin jar) of the plugin's OpenAPI 3.1 document: served by the
   * host, listed at {@code /api/openapi}, and used to validate requests (its {@code servers} URL is
   * the base path; a request it does not describe is answered 404).
   */
  default Optional<String> openApiResource() {
    return Optional.empty();
  }

  /**
   * The body of an error the host answers on the plugin's behalf (authentication, validation,
   * body limit, unknown route), in the plugin's own envelope. Default: the core API's
   * {@code {"success": false, "error": {"code", "message"}}}.
   */
  default JsonObject errorBody(int status, String code, String message) {
    return new JsonObject().put("success", false).put("error", new JsonObject().put("code", code).put("message", message));
  }
}
