package org.aips.spi;

import io.vertx.ext.web.Router;
import org.pf4j.ExtensionPoint;

import java.util.Optional;

/**
 * HTTP routes a plugin serves under its own base path (for example {@code /vcs}). The host mounts
 * the router behind the same {@code x-token} authentication, body limit and error envelope as the
 * core API; the authenticated uid is in {@code routingContext.user().principal().getString("uid")}.
 */
public interface HttpApi extends ExtensionPoint {

  /** Where the routes are mounted, starting with '/', unique among plugins, not under {@code /api}. */
  String basePath();

  /** Builds the plugin's routes (paths relative to {@link #basePath()}). */
  Router router(PluginHost host);

  /** Class-path resource (inside the plugin jar) of the plugin's OpenAPI document, served by the host. */
  default Optional<String> openApiResource() {
    return Optional.empty();
  }
}
