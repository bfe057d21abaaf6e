package org.aips.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Chooses between the two log formats of {@code logback.xml} ({@code log.format}): {@code text},
 * a line per event for people, or {@code json}, one JSON object per line (logback's JsonEncoder:
 * timestamp, level, thread, logger, message, MDC, throwable) for log shippers.
 */
public final class LogFormat {

  /** The system property logback.xml reads to pick its appender. */
  static final String PROPERTY = "aips.log.format";

  private LogFormat() {
  }

  /** Switches the process's logging to {@code format} (text or json); nothing happens when it is already in use. */
  public static synchronized void apply(String format) {
    if (format.equals(System.getProperty(PROPERTY, "text"))) {
      return;
    }
    System.setProperty(PROPERTY, format);
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.reset();
      try {
        new ContextInitializer(context).autoConfig();
      } catch (JoranException e) {
        throw new IllegalStateException("logback.xml could not be read again for log.format " + format, e);
      }
    }
  }
}
