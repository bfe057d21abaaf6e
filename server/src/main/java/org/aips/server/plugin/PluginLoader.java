package org.aips.server.plugin;

import org.aips.spi.HttpApi;
import org.aips.spi.PluginService;
import org.aips.spi.TaskType;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Loads pf4j plugins (jars or zips) from the plugins folder at start-up. A plugin that fails to
 * start is logged with its cause and left out; the others still load. Blocking: call on a worker.
 */
public final class PluginLoader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

  private final PluginManager manager;

  public PluginLoader(Path pluginsDir) {
    this.manager = new DefaultPluginManager(pluginsDir);
  }

  public LoadedPlugins load() {
    manager.loadPlugins();
    manager.startPlugins();
    for (PluginWrapper plugin : manager.getPlugins()) {
      if (plugin.getPluginState() == PluginState.STARTED) {
        LOG.info("plugin {} {} started from {}", plugin.getPluginId(), plugin.getDescriptor().getVersion(), plugin.getPluginPath());
      } else {
        LOG.error("plugin {} is {}: {}", plugin.getPluginId(), plugin.getPluginState(),
            plugin.getFailedException() == null ? "see above" : plugin.getFailedException().toString());
      }
    }
    List<LoadedPlugins.PluginTaskType> types = new ArrayList<>();
    List<LoadedPlugins.PluginApi> apis = new ArrayList<>();
    List<LoadedPlugins.PluginServiceEntry> services = new ArrayList<>();
    Map<String, ClassLoader> loaders = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (PluginWrapper plugin : manager.getStartedPlugins()) {
      String id = plugin.getPluginId();
      try {
        for (TaskType type : manager.getExtensions(TaskType.class, id)) {
          if (names.add(type.name())) {
            types.add(new LoadedPlugins.PluginTaskType(id, type));
          } else {
            LOG.error("plugin {} declares task type {} which another plugin already provides; ignored", id, type.name());
          }
        }
        manager.getExtensions(HttpApi.class, id).forEach(api -> apis.add(new LoadedPlugins.PluginApi(id, api, plugin.getPluginClassLoader())));
        manager.getExtensions(PluginService.class, id).forEach(service -> services.add(new LoadedPlugins.PluginServiceEntry(id, service)));
        loaders.put(id, plugin.getPluginClassLoader());
      } catch (RuntimeException | LinkageError e) {
        // a plugin whose extensions cannot even be listed (a missing class, a throwing constructor) is left out whole
        types.removeIf(type -> type.pluginId().equals(id));
        apis.removeIf(api -> api.pluginId().equals(id));
        services.removeIf(service -> service.pluginId().equals(id));
        LOG.error("plugin {} left out: reading its extensions failed", id, e);
      }
    }
    return new LoadedPlugins(types, apis, services, loaders);
  }

  @Override
  public void close() {
    // unloadPlugins stops each plugin first (stopPlugins itself trips over its own list in pf4j 3.15)
    manager.unloadPlugins();
  }
}
