package org.aips.server.plugin;

import org.aips.spi.HttpApi;
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
    Set<String> names = new HashSet<>();
    for (PluginWrapper plugin : manager.getStartedPlugins()) {
      for (TaskType type : manager.getExtensions(TaskType.class, plugin.getPluginId())) {
        if (names.add(type.name())) {
          types.add(new LoadedPlugins.PluginTaskType(plugin.getPluginId(), type));
        } else {
          LOG.error("plugin {} declares task type {} which another plugin already provides; ignored", plugin.getPluginId(), type.name());
        }
      }
      for (HttpApi api : manager.getExtensions(HttpApi.class, plugin.getPluginId())) {
        apis.add(new LoadedPlugins.PluginApi(plugin.getPluginId(), api, plugin.getPluginClassLoader()));
      }
    }
    return new LoadedPlugins(types, apis);
  }

  @Override
  public void close() {
    // unloadPlugins stops each plugin first (stopPlugins itself trips over its own list in pf4j 3.15)
    manager.unloadPlugins();
  }
}
