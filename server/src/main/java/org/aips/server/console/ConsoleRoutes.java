package org.aips.server.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.webjars.WebJarVersionLocator;

/**
 * The web console at {@code /console/} ({@code GET /} leads there) and Swagger UI over every served
 * contract at {@code /docs/}: static files from the jar, which talk to the public API only
 * (docs/console.md). Swagger UI's own files come from its WebJar, whose version is looked up once.
 */
public final class ConsoleRoutes {

  private static final String CONSOLE_FILES = "console";
  private static final String SWAGGER_UI = "swagger-ui";
  /** No inline scripts, nothing from elsewhere: a token in sessionStorage is only as safe as the scripts that can read it. */
  private static final String CONSOLE_POLICY = "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  /** Swagger UI sets inline styles and shows data: images. */
  private static final String DOCS_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private final String swaggerUiRoot;
  private final ConsoleSettings settings;

  private ConsoleRoutes(String swaggerUiRoot, ConsoleSettings settings) {
    this.swaggerUiRoot = swaggerUiRoot;
    this.settings = settings;
  }

  /** Finds Swagger UI's files on the class path (off the event loop: it reads a properties file). */
  public static Future<ConsoleRoutes> create(Vertx vertx, ConsoleSettings settings) {
    return vertx.executeBlocking(() -> {
      String version = new WebJarVersionLocator().version(SWAGGER_UI);
      if (version == null) {
        throw new IllegalStateException("the " + SWAGGER_UI + " WebJar is not on the class path");
      }
      return new ConsoleRoutes("META-INF/resources/webjars/" + SWAGGER_UI + "/" + version, settings);
    }, false);
  }

  public void addTo(Router router) {
    if (!settings.enabled()) {
      return;
    }
    // exact paths would also match with a trailing slash (and loop); these regular expressions do not
    router.getWithRegex("/").handler(rc -> rc.redirect("/console/"));
    router.getWithRegex("/console").handler(rc -> rc.redirect("/console/"));
    router.getWithRegex("/docs").handler(rc -> rc.redirect("/docs/"));
    router.route("/console/*").handler(headers(CONSOLE_POLICY)).handler(files(CONSOLE_FILES));
    router.route("/docs/swagger-ui/*").handler(headers(DOCS_POLICY)).handler(files(swaggerUiRoot));
    router.route("/docs/*").handler(headers(DOCS_POLICY)).handler(files(CONSOLE_FILES + "/docs"));
  }

  private StaticHandler files(String root) {
    return StaticHandler.create(root).setCachingEnabled(true).setMaxAgeSeconds(settings.cacheMaxAgeSeconds())
        .setIndexPage("index.html").setDirectoryListing(false);
  }

  private static io.vertx.core.Handler<RoutingContext> headers(String policy) {
    CSPHandler csp = CSPHandler.create();
    for (String directive : policy.split(";\\s*")) {
      int space = directive.indexOf(' ');
      csp.setDirective(directive.substring(0, space), directive.substring(space + 1));
    }
    return rc -> {
      rc.response().putHeader("x-content-type-options", "nosniff").putHeader("referrer-policy", "no-referrer");
      csp.handle(rc);
    };
  }
}
