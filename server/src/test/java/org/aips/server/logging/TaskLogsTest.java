package org.aips.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import org.aips.server.executor.ExecutorVerticle;
import org.aips.server.support.ApiClient;
import org.aips.server.support.SharedNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Log lines about a task name it (MDC), in both formats, and the context never leaks to the next job of a thread. */
class TaskLogsTest {

  @Test
  void aContextNamesTheTaskAndRestoresWhatWasThereBefore() {
    MDC.put("request", "r1");
    try (TaskLogContext outer = TaskLogContext.open(7, "code7", "Thumbnail")) {
      assertThat(MDC.get("taskId")).isEqualTo("7");
      try (TaskLogContext inner = TaskLogContext.open(8, null, "Noop")) {
        assertThat(MDC.get("taskId")).isEqualTo("8");
        assertThat(MDC.get("queryCode")).isNull();
      }
      assertThat(MDC.get("queryCode")).isEqualTo("code7");
    }
    assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("request");
    MDC.clear();
  }

  @Test
  void theExecutorsLinesAboutARunCarryItsTask() {
    Logger executorLog = (Logger) LoggerFactory.getLogger(ExecutorVerticle.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    executorLog.addAppender(lines);
    try {
      ApiClient api = SharedNode.api();
      String token = Tokens.valid("logs");
      String code = api.submit(token, new JsonObject().put("taskType", "Broken")).getString("queryCode");
      api.awaitStatus(token, code, "failed");
      List<ILoggingEvent> failures = lines.list.stream().filter(e -> e.getFormattedMessage().contains("(Broken)")).toList();
      assertThat(failures).as("the executor's warnings about the failed runs").isNotEmpty();
      for (ILoggingEvent failure : failures) {
        assertThat(failure.getMDCPropertyMap()).containsEntry("taskType", "Broken").containsKey("taskId");
        assertThat(failure.getFormattedMessage()).startsWith("task " + failure.getMDCPropertyMap().get("taskId") + " ");
      }
    } finally {
      executorLog.detachAppender(lines);
    }
  }

  @Test
  void theJsonFormatWritesOneObjectPerLineWithTheTaskContext() {
    LogFormat.apply("json");
    try {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      @SuppressWarnings("unchecked")
      OutputStreamAppender<ILoggingEvent> json = (OutputStreamAppender<ILoggingEvent>) root.getAppender("json");
      assertThat(json).as("the json appender is the root's").isNotNull();
      assertThat(root.getAppender("text")).isNull();
      String line;
      try (TaskLogContext ignored = TaskLogContext.open(42, "abcdefghijklmnop", "Thumbnail")) {
        LoggingEvent event = new LoggingEvent(getClass().getName(), root, ch.qos.logback.classic.Level.INFO, "task {} claimed", null,
            new Object[] {42});
        line = new String(json.getEncoder().encode(event), StandardCharsets.UTF_8);
      }
      assertThat(line).endsWith("\n").doesNotContain("\n\n");
      JsonObject parsed = new JsonObject(line.trim());
      assertThat(parsed.getString("level")).isEqualTo("INFO");
      assertThat(parsed.getString("formattedMessage")).isEqualTo("task 42 claimed");
      assertThat(parsed.getJsonObject("mdc").getMap()).containsEntry("taskId", "42").containsEntry("queryCode", "abcdefghijklmnop");
    } finally {
      LogFormat.apply("text");
    }
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("text")).as("back to text").isNotNull();
  }
}
