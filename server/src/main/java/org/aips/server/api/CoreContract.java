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
 * Loads {@code api-spec/aips.yaml} as the router's contract. The vision operations document the
 * image media types people send (image/jpeg, ...), which vertx-openapi 5.0 refuses to load (it knows
 * only JSON, multipart, octet-stream and text); their handlers read and check the body themselves
 * ({@link ImageUpload}), so the router's copy of the contract leaves those request bodies out. The
 * document served at {@code /api/openapi.yaml} is the file as written.
 */
final class CoreContract {

  static final String RESOURCE = "api-spec/aips.yaml";
  /** Operations whose handlers read their own bodies: path → method. */
  private static final Map<String, String> OWN_BODIES = Map.of("/api/vision/faces", "post", "/api/vision/objects", "post");

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
      return contract;
    }
  }
}
