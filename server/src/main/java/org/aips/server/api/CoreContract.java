package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.InputStream;
import java.util.Map;

/**
 * Loads {@code api-spec/aips.yaml} as the router's contract. vertx-openapi 5.0 refuses media types it
 * cannot validate (a registry of custom types came later, vertx-openapi#107), so the router's copy
 * differs from the file in two ways, neither of which loses a check: the vision operations' request
 * bodies (image/jpeg, …) are left out, since their handlers read and check the body themselves
 * ({@link ImageUpload}); and text/event-stream responses are read as text/plain (this server never
 * validates responses). The document served at {@code /api/openapi.yaml} is the file as written.
 */
final class CoreContract {

  static final String RESOURCE = "api-spec/aips.yaml";
  /** Operations whose handlers read their own bodies: path → method. */
  private static final Map<String, String> OWN_BODIES = Map.of("/api/vision/faces", "post", "/api/vision/objects", "post");
  private static final String EVENT_STREAM = "text/event-stream";

  private CoreContract() {
  }

  static Future<OpenAPIContract> load(Vertx vertx) {
    return vertx.executeBlocking(CoreContract::read, false).compose(json -> OpenAPIContract.from(vertx, json));
  }

  private static JsonObject read() throws Exception {
    try (InputStream in = CoreContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the server jar has no " + RESOURCE);
      }
      @SuppressWarnings("unchecked")
      JsonObject contract = new JsonObject((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
      JsonObject paths = contract.getJsonObject("paths");
      OWN_BODIES.forEach((path, method) -> paths.getJsonObject(path).getJsonObject(method).remove("requestBody"));
      for (String path : paths.fieldNames()) {
        JsonObject operations = paths.getJsonObject(path);
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
}
