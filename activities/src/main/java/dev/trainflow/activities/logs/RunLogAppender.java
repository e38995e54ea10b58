package dev.trainflow.activities.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import org.slf4j.LoggerFactory;

/**
 * Sends every log line of a thread that runs a stage attempt to that attempt's {@link
 * RunLogSession}. The session is bound to the activity's thread by {@link RunLogInterceptor}, so
 * lines need no parsing to find their run. Lines of other threads (the SDK's pollers, a library's
 * own threads) are not a stage's log.
 */
public final class RunLogAppender extends AppenderBase<ILoggingEvent> {
  static final String NAME = "trainflow-run-log";
  private static final ThreadLocal<RunLogSession> CURRENT = new ThreadLocal<>();
  private static final RunLogAppender INSTANCE = new RunLogAppender();

  private RunLogAppender() {
    setName(NAME);
  }

  static void bind(RunLogSession session) {
    CURRENT.set(session);
  }

  static void unbind() {
    CURRENT.remove();
  }

  /**
   * Attaches the appender to Logback's root logger, once. Called before each stage attempt: a
   * logging system reset (Spring Boot resets Logback when an application context starts) detaches
   * appenders added by code.
   */
  static void ensureAttached() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(NAME) == null) {
      synchronized (INSTANCE) {
        if (root.getAppender(NAME) == null) {
          INSTANCE.setContext(context);
          if (!INSTANCE.isStarted()) {
            INSTANCE.start();
          }
          root.addAppender(INSTANCE);
        }
      }
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    RunLogSession session = CURRENT.get();
    if (session != null) {
      session.add(
          Instant.ofEpochMilli(event.getTimeStamp()),
          event.getLevel().toString(),
          event.getLoggerName(),
          event.getThreadName(),
          event.getFormattedMessage() + throwable(event));
    }
  }

  private static String throwable(ILoggingEvent event) {
    return event.getThrowableProxy() == null
        ? ""
        : " [" + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage() + "]";
  }
}
