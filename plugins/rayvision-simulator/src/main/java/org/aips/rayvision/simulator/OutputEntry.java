package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Entries of the output file tree ({@code getOutputUserDirFile}). */
final class OutputEntry {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private OutputEntry() {
  }

  static JsonObject folder(String path, Long modified) {
    return new JsonObject().put("fileName", path.substring(1)).putNull("fileSize").putNull("iconPath")
        .put("lastModify", time(modified)).putNull("fileType").put("filePath", path).put("directory", true).put("isArrears", 0);
  }

  static JsonObject frameImage(String folder, String scene, SimFrame frame) {
    String name = String.format("%s_%04d.png", scene.replaceAll("\\.[^.]*$", ""), frame.number);
    return new JsonObject().put("fileName", name).put("fileSize", 1_048_576 + frame.number).putNull("iconPath")
        .put("lastModify", time(frame.endTime)).put("fileType", "png").put("filePath", folder + "/" + name)
        .put("directory", false).put("isArrears", 0);
  }

  private static String time(Long millis) {
    return FORMAT.format(Instant.ofEpochMilli(millis == null ? System.currentTimeMillis() : millis));
  }
}
