package io.qrvid.decode.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head (request line and headers) has not arrived within a deadline. Jetty's
 * idle timeout restarts with every byte received, so a client trickling one header byte at a time would keep a
 * connection forever; this listener bounds the total time instead: a connection must deliver a complete head
 * within the deadline after it opens and after each response completes (an idle keep-alive connection is closed
 * after the same time). Register it as a bean on the connector; the service's handler calls
 * {@link #requestStarted} and {@link #requestCompleted}. Thread-safe.
 */
public final class ConnectionDeadlines implements Connection.Listener {
  private static final Logger log = LoggerFactory.getLogger(ConnectionDeadlines.class);

  private final Scheduler scheduler;
  private final Duration headerTimeout;
  private final Map<Connection, State> states = new ConcurrentHashMap<>();

  /**
   * Creates the listener.
   *
   * @param scheduler the server's scheduler
   * @param headerTimeout the time allowed for a request head
   */
  public ConnectionDeadlines(Scheduler scheduler, Duration headerTimeout) {
    this.scheduler = scheduler;
    this.headerTimeout = headerTimeout;
  }

  private final class State {
    private final Connection connection;
    private long generation;
    private Scheduler.@Nullable Task task;

    State(Connection connection) {
      this.connection = connection;
    }

    synchronized void arm() {
      long armed = ++generation;
      cancelTask();
      task = scheduler.schedule(() -> expire(armed), headerTimeout);
    }

    synchronized void disarm() {
      generation++;
      cancelTask();
    }

    private void cancelTask() {
      if (task != null) {
        task.cancel();
        task = null;
      }
    }

    void expire(long armed) {
      synchronized (this) {
        if (armed != generation) {
          return;
        }
        task = null;
      }
      log.debug("closing {}: no complete request head within {}", connection, headerTimeout);
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onOpened(Connection connection) {
    State s = new State(connection);
    states.put(connection, s);
    s.arm();
  }

  @Override
  public void onClosed(Connection connection) {
    State s = states.remove(connection);
    if (s != null) {
      s.disarm();
    }
  }

  /**
   * A request head arrived on {@code connection}: its deadline stops.
   *
   * @param connection the request's connection
   */
  public void requestStarted(Connection connection) {
    State s = states.get(connection);
    if (s != null) {
      s.disarm();
    }
  }

  /**
   * The response on {@code connection} completed: the next head must arrive within the deadline.
   *
   * @param connection the request's connection
   */
  public void requestCompleted(Connection connection) {
    State s = states.get(connection);
    if (s != null) {
      s.arm();
    }
  }

  /**
   * How many connections are open.
   *
   * @return the count
   */
  public int openConnections() {
    return states.size();
  }
}
