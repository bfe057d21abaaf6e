package org.aips.server.vision;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.support.TestNode;
import org.aips.server.support.VisionNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class VisionProbe {
  @Test
  void probe() throws Exception {
    var vertx = VisionNode.server().vertx();
    List<Path> files = new ArrayList<>();
    for (int i = 1; i <= 6; i++) files.add(TestNode.MODEL_PACK.resolve("face-api/demo/sample" + i + ".jpg"));


    List<JsonArray> descs = new ArrayList<>(); List<String> names = new ArrayList<>();
    for (Path f : files) {
      if (f.toString().endsWith(".csv")) continue;
      long t0 = System.nanoTime();
      try {
        JsonObject r = vertx.eventBus().<JsonObject>request(Addresses.VISION_FACES, Buffer.buffer(Files.readAllBytes(f)), new DeliveryOptions().addHeader("descriptor", "true")).await().body();
        long t1 = System.nanoTime();
        JsonObject o = vertx.eventBus().<JsonObject>request(Addresses.VISION_OBJECTS, Buffer.buffer(Files.readAllBytes(f))).await().body();
        long t2 = System.nanoTime();
        System.out.printf("%s faces %d in %d ms, objects in %d ms%n", f.getFileName(), r.getJsonArray("faces").size(), (t1 - t0) / 1000000, (t2 - t1) / 1000000);
        int k = 0;
        for (Object x : r.getJsonArray("faces")) {
          JsonObject face = ((JsonObject) x).copy();
          descs.add(face.getJsonArray("descriptor")); names.add(f.getFileName() + "#" + k++);
          face.remove("descriptor");
          System.out.println("   " + face.encode());
        }
        for (Object x : o.getJsonArray("objects")) System.out.println("   obj " + x);
      } catch (Exception e) {
        System.out.println(f.getFileName() + " failed " + e);
      }
    }
    for (int i = 0; i < descs.size(); i++) {
      StringBuilder sb = new StringBuilder(String.format("%-32s", names.get(i)));
      for (int j = 0; j < descs.size(); j++) sb.append(String.format(" %3d", Math.round(100 * Descriptors.similarity(descs.get(i), descs.get(j)))));
      System.out.println(sb);
    }
  }
}
