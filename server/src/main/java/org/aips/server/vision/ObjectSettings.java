package org.aips.server.vision;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration {@code vision.objects} (docs/configuration.md). {@code categories} maps the VCS
 * categories to COCO class names, by default {@code body}: person, {@code motor}: car, bus, truck,
 * {@code no_motor}: bicycle, motorcycle.
 */
record ObjectSettings(String model, double minScore, int maxObjects, Map<String, String> categoryOfClass) {

  static ObjectSettings fromConfig(JsonObject json) {
    Map<String, String> categoryOfClass = new HashMap<>();
    JsonObject categories = json.getJsonObject("categories", new JsonObject());
    for (String category : categories.fieldNames()) {
      for (Object className : categories.getJsonArray(category, new JsonArray())) {
        if (!CocoClasses.NAMES.contains(className.toString())) {
          throw new IllegalArgumentException("vision.objects.categories." + category + " names unknown COCO class '" + className + "'");
        }
        categoryOfClass.put(className.toString(), category);
      }
    }
    return new ObjectSettings(json.getString("model"), json.getDouble("minScore"), json.getInteger("maxObjects"), Map.copyOf(categoryOfClass));
  }

  Optional<String> category(String className) {
    return Optional.ofNullable(categoryOfClass.get(className));
  }
}
