package org.aips.server;

import io.vertx.core.Vertx;
import org.aips.server.auth.JwtKeys;
import org.aips.server.config.AipsConfig;
import org.aips.server.config.ConfigLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: {@code serve} (the default) starts a node; {@code token <uid> [ttlSeconds]} prints
 * a signed x-token for a user, using the same configuration and secret as the server.
 */
public final class Main {

  private static final String USAGE = """
      usage: java -jar aips-server.jar [--config FILE] [serve]
             java -jar aips-server.jar [--config FILE] token <uid> [ttlSeconds]
      Environment overrides (AIPS_HTTP_PORT, AIPS_DATA_DIR, AIPS_DB_URL, AIPS_JWT_SECRET, AIPS_PLUGINS_DIR, ...)
      are described in docs/configuration.md.""";

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    List<String> rest = new ArrayList<>(List.of(args));
    Path configFile = System.getenv("AIPS_CONFIG") == null ? null : Path.of(System.getenv("AIPS_CONFIG"));
    int flag = rest.indexOf("--config");
    if (flag >= 0) {
      if (flag + 1 >= rest.size()) {
        fail("--config needs a file");
      }
      configFile = Path.of(rest.get(flag + 1));
      rest.subList(flag, flag + 2).clear();
    }
    AipsConfig config;
    try {
      config = ConfigLoader.load(configFile, System.getenv());
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    }
    String command = rest.isEmpty() ? "serve" : rest.get(0);
    switch (command) {
      case "serve" -> serve(config);
      case "token" -> token(config, rest);
      case "help", "--help", "-h" -> System.out.println(USAGE);
      default -> fail("unknown command '" + command + "'\n" + USAGE);
    }
  }

  private static void serve(AipsConfig config) {
    AipsServer.start(config, List.of()).onSuccess(server -> {
      ShutdownSignals.install(server::close);
      if (server.httpPort() > 0) {
        String host = config.httpHost().equals("0.0.0.0") ? "localhost" : config.httpHost();
        String base = "http://" + host + ":" + server.httpPort();
        System.out.printf("%nAIPS is listening on %s/api  (contract: /api/openapi.yaml)%n", base);
        if (config.console().enabled()) {
          System.out.printf("Web console:  %s/console/   (API docs: %s/docs/)%n", base, base);
        }
        System.out.printf("Get a token:  ./aips token <uid>   (or java -jar server/target/aips-server.jar token <uid>)%n%n");
      }
    }).onFailure(e -> {
      System.err.println("AIPS failed to start: " + e);
      e.printStackTrace();
      System.exit(1);
    });
  }

  private static void token(AipsConfig config, List<String> args) throws Exception {
    if (args.size() < 2 || args.get(1).isBlank()) {
      fail("token needs a uid\n" + USAGE);
    }
    long ttl = config.mintTtlSeconds();
    if (args.size() > 2) {
      try {
        ttl = Long.parseLong(args.get(2));
      } catch (NumberFormatException e) {
        fail("ttlSeconds must be a whole number of seconds, got '" + args.get(2) + "'");
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      System.out.println(JwtKeys.from(config).mint(vertx, args.get(1), ttl));
    } catch (IllegalStateException e) {
      fail(e.getMessage());
    } finally {
      vertx.close();
    }
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(2);
  }
}
