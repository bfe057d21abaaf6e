package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Loads {@code api-spec/aips.yaml} for the router. vertx-openapi 5.0 refuses a contract whose
 * responses use a media type it cannot validate, text/event-stream among them (a registry of custom
 * types came later, vertx-openapi#107), although this server never validates responses: for the
 * router only, such responses are read as text/plain. The document served at /api/openapi.yaml is
 * the file as written.
 */
final class CoreContract {

  private static final String EVENT_STREAM = "text/event-stream";

  private CoreContract() {
  }

  static Future<OpenAPIContract> load(Vertx vertx, String path) {
    return vertx.fileSystem().readFile(path)
        .compose(bytes -> vertx.executeBlocking(() -> routable(bytes.toString(StandardCharsets.UTF_8)), false))
        .compose(json -> OpenAPIContract.from(vertx, json));
  }

  @SuppressWarnings("unchecked")
  private static JsonObject routable(String yaml) {
    JsonObject contract = new JsonObject((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    for (String path : contract.getJsonObject("paths").fieldNames()) {
      JsonObject operations = contract.getJsonObject("paths").getJsonObject(path);
      for (String method : operations.fieldNames()) {
        JsonObject responses = operations.getValue(method) instanceof JsonObject op ? op.getJsonObject("responses") : null;
        if (responses == null) {
          continue;
        }
        for (String status : responses.fieldNames()) {
          JsonObject content = responses.getJsonObject(status).getJsonObject("content");
          if (content != null && content.containsKey(EVENT_STREAM)) {
            content.put("text/plain", content.remove(EVENT_STREAM));
          }
        }
      }
    }
    return contract;
  }
}
