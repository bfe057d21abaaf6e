package org.aips.spi;

import io.vertx.sqlclient.Pool;

/**
 * A plugin's own PostgreSQL schema ({@code plugin_<id>}), reached through a role of its own that
 * owns that schema and nothing else: the plugin cannot read or write the core tables. Its Flyway
 * migrations, shipped in the jar under {@link #MIGRATIONS}, are applied before its services start.
 */
public interface PluginDatabase {

  /** Class-path folder (inside the plugin jar) of the plugin's Flyway migrations, {@code V1__name.sql} and so on. */
  String MIGRATIONS = "aips/db/migration";

  /** A pool connected as the plugin's role, with the plugin's schema as its search path. */
  Pool pool();

  /** The schema's name, for example {@code plugin_faceingest}. */
  String schema();
}
