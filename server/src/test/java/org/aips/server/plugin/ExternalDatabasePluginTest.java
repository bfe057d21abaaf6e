package org.aips.server.plugin;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.EmbeddedDatabase;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.aips.server.plugin.FileStatsClient.taskState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service plugin on an external database reached as an ordinary user (CREATEROLE, owner of its
 * database, no superuser), as a hosted PostgreSQL gives one: the plugin still gets its schema and
 * role, and its role still cannot touch the core tables.
 */
class ExternalDatabasePluginTest {

  @Test
  void aServicePluginWorksOnAnExternalDatabaseWithoutSuperuser() throws Exception {
    Path dataDir = TestNode.newDataDir("external");
    try (EmbeddedDatabase server = EmbeddedDatabase.start(TestNode.newDataDir("external-pg"))) {
      DatabaseUrl superuser = server.url();
      try (Connection connection = DriverManager.getConnection(superuser.jdbcUrl(), superuser.user(), superuser.password());
           Statement statement = connection.createStatement()) {
        statement.execute("CREATE ROLE aips_owner LOGIN CREATEROLE PASSWORD 'owner-secret'");
        statement.execute("CREATE DATABASE aips OWNER aips_owner");
      }
      String url = "postgresql://aips_owner:owner-secret@localhost:" + superuser.port() + "/aips";
      AipsServer node = TestNode.start(TestNode.config(dataDir, new JsonObject().put("db", new JsonObject().put("url", url))));
      Vertx vertx = Vertx.vertx();
      try (FileStatsClient api = new FileStatsClient(vertx, node.httpPort(), Tokens.valid("external"))) {
        String job = api.createJob(api.uploaded(FileStatsClient.linesFile(dataDir, 1000)));
        JsonObject done = api.awaitJob(job, j -> "DONE".equals(taskState(j)), Duration.ofSeconds(30));
        assertThat(done.getJsonObject("task").getJsonObject("result").getLong("lines")).isEqualTo(1000);
      } finally {
        node.close().await();
        vertx.close().await();
      }
      String password;
      DatabaseUrl owner = DatabaseUrl.parse(url);
      try (Connection connection = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
           Statement statement = connection.createStatement();
           var rows = statement.executeQuery("SELECT password FROM plugin_role WHERE plugin_id = 'filestats'")) {
        rows.next();
        password = rows.getString(1);
      }
      try (Connection plugin = DriverManager.getConnection(owner.jdbcUrl(), "aips_plugin_filestats", password);
           Statement statement = plugin.createStatement()) {
        assertThat(statement.executeQuery("SELECT count(*) FROM plugin_filestats.job").next()).isTrue();
        assertThatThrownBy(() -> statement.executeQuery("SELECT count(*) FROM public.task"))
            .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
      }
    }
  }
}
