package org.aips.server.plugin;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.aips.server.db.DatabaseUrl;
import org.aips.spi.PluginDatabase;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Gives a plugin that ships migrations ({@link PluginDatabase#MIGRATIONS} in its jar) a schema of
 * its own, {@code plugin_<id>}, owned by a login role of its own, {@code aips_plugin_<id>}, that
 * holds no privilege on anything else: the plugin cannot read or write the core tables. The
 * role's password is made once per database and kept in {@code plugin_role}, so every node of a
 * cluster connects with the same one. Needs a database user allowed to create roles (the embedded
 * database's is). Blocking JDBC: call on a worker thread.
 */
final class PluginSchemas {

  private static final Logger LOG = LoggerFactory.getLogger(PluginSchemas.class);
  /** Plugin ids become SQL identifiers: only these are accepted. */
  private static final Pattern SAFE_ID = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DatabaseUrl admin;

  PluginSchemas(DatabaseUrl admin) {
    this.admin = admin;
  }

  static boolean shipsMigrations(ClassLoader pluginLoader) {
    return pluginLoader.getResource(PluginDatabase.MIGRATIONS) != null;
  }

  /** A prepared schema: how the plugin's role connects, and the schema's name. */
  record Prepared(DatabaseUrl url, String schema) {
  }

  /** Creates the role and schema if needed and applies the plugin's migrations. */
  Prepared prepare(String pluginId, ClassLoader pluginLoader) throws SQLException {
    String id = pluginId.toLowerCase().replace('-', '_');
    if (!SAFE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("plugin id '" + pluginId + "' cannot name a schema: use letters, digits and '_' (at most 40)");
    }
    String role = "aips_plugin_" + id;
    String schema = "plugin_" + id;
    String password;
    try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
      password = rolePassword(connection, pluginId, role);
      try (Statement statement = connection.createStatement()) {
        // identifiers checked against SAFE_ID above; the password is hex
        // a new role has no attribute but LOGIN and no privilege (a non-superuser could not set the attributes anyway)
        statement.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        statement.execute("ALTER ROLE " + role + " LOGIN PASSWORD '" + password + "'");
        // a CREATEROLE user that is no superuser may only give away a schema to a role it belongs to
        statement.execute("GRANT " + role + " TO CURRENT_USER");
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + role);
        statement.execute("REVOKE ALL ON SCHEMA public FROM " + role);
      }
    }
    DatabaseUrl own = new DatabaseUrl(admin.host(), admin.port(), admin.database(), role, password);
    migrate(own, schema, pluginLoader);
    return new Prepared(own, schema);
  }

  static Pool pool(Vertx vertx, Prepared prepared, int size) {
    PgConnectOptions options = prepared.url().connectOptions().addProperty("search_path", prepared.schema());
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(options).using(vertx).build();
  }

  private static String rolePassword(Connection connection, String pluginId, String role) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO plugin_role (plugin_id, role_name, password) VALUES (?, ?, ?) ON CONFLICT (plugin_id) DO NOTHING")) {
      byte[] secret = new byte[24];
      RANDOM.nextBytes(secret);
      insert.setString(1, pluginId);
      insert.setString(2, role);
      insert.setString(3, HexFormat.of().formatHex(secret));
      insert.executeUpdate();
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT password FROM plugin_role WHERE plugin_id = ?")) {
      select.setString(1, pluginId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  /** Flyway with the plugin's class loader (its jar's scripts), as the plugin's role, history in its schema. */
  private static void migrate(DatabaseUrl own, String schema, ClassLoader pluginLoader) {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(pluginLoader);
    try {
      var result = Flyway.configure(pluginLoader)
          .dataSource(own.jdbcUrl(), own.user(), own.password())
          .schemas(schema)
          .defaultSchema(schema)
          .createSchemas(false)
          .locations("classpath:" + PluginDatabase.MIGRATIONS)
          .load()
          .migrate();
      LOG.info("schema {} at version {} ({} migrations applied)", schema, result.targetSchemaVersion, result.migrationsExecuted);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}
