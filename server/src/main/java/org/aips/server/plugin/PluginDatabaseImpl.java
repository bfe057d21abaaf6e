package org.aips.server.plugin;

import io.vertx.sqlclient.Pool;
import org.aips.spi.PluginDatabase;

record PluginDatabaseImpl(Pool pool, String schema) implements PluginDatabase {
}
