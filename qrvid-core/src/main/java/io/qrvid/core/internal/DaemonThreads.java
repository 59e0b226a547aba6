package io.qrvid.core.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounded pools of named daemon threads, so that a forgotten pool never keeps the JVM alive. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A fixed pool of {@code threads} daemon threads named {@code name-1}, {@code name-2}, ... */
  public static ExecutorService fixedPool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
