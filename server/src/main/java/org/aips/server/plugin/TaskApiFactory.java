package org.aips.server.plugin;

import org.aips.spi.HostTasks;

/** Makes the host's task API for one plugin (implemented beside the REST API, which it shares its storage with). */
public interface TaskApiFactory {

  HostTasks forPlugin(String pluginId);
}
