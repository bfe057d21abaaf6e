package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

/** An entry of the output storage tree ({@code getOutputUserDirFile}); {@code filePath} is relative to the output root. */
public record OutputFile(String fileName, Long fileSize, String lastModify, String fileType, String filePath,
                         boolean directory, boolean arrears) {

  public static OutputFile fromJson(JsonObject j) {
    return new OutputFile(Decode.text(j, "fileName"), Decode.longValue(j, "fileSize"), Decode.text(j, "lastModify"),
        Decode.text(j, "fileType"), Decode.text(j, "filePath"), Boolean.TRUE.equals(Decode.bool(j, "directory")),
        Decode.intOr(j, "isArrears", 0) == 1);
  }

  public JsonObject toJson() {
    return new JsonObject().put("fileName", fileName).put("fileSize", fileSize).put("lastModify", lastModify)
        .put("fileType", fileType).put("filePath", filePath).put("directory", directory);
  }
}
