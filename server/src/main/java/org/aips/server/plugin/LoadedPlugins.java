package org.aips.server.plugin;

import org.aips.spi.HttpApi;
import org.aips.spi.PluginService;
import org.aips.spi.TaskType;

import java.util.List;
import java.util.Map;

/**
 * What the plugins folder contributed: task types, HTTP APIs and services (with the id of the plugin
 * that owns each, in load order), and each started plugin's class loader.
 */
public record LoadedPlugins(List<PluginTaskType> taskTypes, List<PluginApi> httpApis, List<PluginServiceEntry> services,
                            Map<String, ClassLoader> classLoaders) {

  public record PluginTaskType(String pluginId, TaskType type) {
  }

  public record PluginApi(String pluginId, HttpApi api, ClassLoader classLoader) {
  }

  public record PluginServiceEntry(String pluginId, PluginService service) {
  }
}
