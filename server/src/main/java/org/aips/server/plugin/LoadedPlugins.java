package org.aips.server.plugin;

import org.aips.spi.HttpApi;
import org.aips.spi.TaskType;

import java.util.List;

/** What the plugins folder contributed: task types and HTTP APIs (with the id of the plugin that owns each). */
public record LoadedPlugins(List<PluginTaskType> taskTypes, List<PluginApi> httpApis) {

  public record PluginTaskType(String pluginId, TaskType type) {
  }

  public record PluginApi(String pluginId, HttpApi api, ClassLoader classLoader) {
  }
}
