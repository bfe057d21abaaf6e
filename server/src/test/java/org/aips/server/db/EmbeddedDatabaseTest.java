package org.aips.server.db;

import org.aips.server.support.TestNode;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database keeps what it acknowledged: durable settings, whatever the library that starts it defaults to. */
class EmbeddedDatabaseTest {

  @Test
  void theEmbeddedDatabaseFlushesEveryCommitToDisk() throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(TestNode.newDataDir("durable"))) {
      DatabaseUrl url = database.url();
      try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
           Statement statement = connection.createStatement()) {
        assertThat(show(statement, "fsync")).isEqualTo("on");
        assertThat(show(statement, "synchronous_commit")).isEqualTo("on");
        assertThat(show(statement, "full_page_writes")).isEqualTo("on");
      }
    }
  }

  private static String show(Statement statement, String setting) throws Exception {
    try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
