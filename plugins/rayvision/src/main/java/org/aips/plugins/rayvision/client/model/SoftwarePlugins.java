package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** Versions and plugins the farm has for one CG package ({@code querySoftwareDetail}). */
public record SoftwarePlugins(List<CgVersion> versions, List<CgPlugin> plugins) {

  public record CgVersion(long id, int cgId, String cgName, String cgVersion) {

    static CgVersion fromJson(JsonObject j) {
      return new CgVersion(Decode.longValue(j, "id"), Decode.intOr(j, "cgId", 0), Decode.text(j, "cgName"), Decode.text(j, "cgVersion"));
    }
  }

  public record CgPlugin(long cvId, String pluginName, List<PluginVersion> versions) {

    static CgPlugin fromJson(JsonObject j) {
      return new CgPlugin(Decode.longValue(j, "cvId"), Decode.text(j, "pluginName"),
          Decode.list(Decode.array(j, "pluginVersions"), PluginVersion::fromJson));
    }
  }

  public record PluginVersion(long pluginId, String pluginName, String pluginVersion) {

    static PluginVersion fromJson(JsonObject j) {
      return new PluginVersion(Decode.longValue(j, "pluginId"), Decode.text(j, "pluginName"), Decode.text(j, "pluginVersion"));
    }
  }

  public static SoftwarePlugins fromJson(JsonObject j) {
    return new SoftwarePlugins(Decode.list(Decode.array(j, "cgVersion"), CgVersion::fromJson),
        Decode.list(Decode.array(j, "cgPlugin"), CgPlugin::fromJson));
  }
}
