package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

/** What an analysis error code means and how to fix it ({@code queryAnalyseErrorDetail}). */
public record AnalyseError(Long id, String code, Integer type, Integer languageFlag, String description, String solution,
                           String solutionPath, boolean repairable, boolean blocking, Long updateTime) {

  public static AnalyseError fromJson(JsonObject j) {
    return new AnalyseError(Decode.longValue(j, "id"), Decode.text(j, "code"), Decode.intValue(j, "type"),
        Decode.intValue(j, "languageFlag"), Decode.text(j, "desDescriptionCn"), Decode.text(j, "desSolutionCn"),
        Decode.text(j, "solutionPath"), Decode.intOr(j, "isRepair", 0) == 1, Decode.intOr(j, "isOpen", 0) == 1,
        Decode.longValue(j, "updateTime"));
  }

  /** Type 0 is a warning that may be ignored, 1 an error that blocks rendering. */
  public boolean isWarning() {
    return type != null && type == 0;
  }
}
