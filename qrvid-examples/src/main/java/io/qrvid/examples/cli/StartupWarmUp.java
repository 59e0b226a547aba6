package io.qrvid.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Start-up work of the video commands done on a second thread while the main thread builds the command line: the
 * CLI's share of issue 14's "a CLI that starts at once". A cold {@code qrvid encode} or {@code qrvid decode} of a
 * small file is almost all one-time work on one thread (picocli's model, then class initialisation: the index's
 * JSON parser, Lucene's codecs and JVM checks, the security
 * providers behind {@code SecureRandom}, Humble Video's and zstd-jni's native libraries). This class starts the
 * second half of that list at once on a daemon thread, so that on a machine with a free core it overlaps the first;
 * once picocli has parsed the command, the main thread takes the steps the warm-up thread has not started
 * ({@link #await}).
 *
 * <p>Every step is one the command would take anyway, and none writes a file, so a run's output never changes;
 * each step catches everything it throws (the command then meets and reports the same problem itself). The command
 * itself starts only after the warm-up is over ({@link #await}, called by {@link QrvidCli#main} between parsing and
 * running the command): the two threads never initialise library classes at the same time, because a library whose
 * static initialisers form a cycle deadlocks when two threads enter the cycle at different classes (JLS 12.4.2).
 * Lucene 9.12's {@code IndexWriter}, {@code TestSecrets} and {@code ConcurrentMergeScheduler} do: a first version
 * that let the command run beside the warm-up hung there.
 *
 * <p>zstd-jni's library: zstd-jni copies its native library out of the jar into a new temporary file on every
 * start. When the build unpacked it beside the CLI jar ({@code natives/zstd/<os>/<arch>/}, the path of the
 * resource in zstd-jni's jar), this class loads it from there instead through zstd-jni's own
 * {@code ZstdNativePath} property; if that file is missing or does not load, the property is cleared again before
 * anyone else can use it (both under zstd-jni's loader lock), and zstd-jni then loads as it always did.
 *
 * <p>{@code -Dqrvid.warmup=false} turns all of this off. Not API.
 */
final class StartupWarmUp {
  /** Commands that read or write a video (and so need the index's JSON, zstd and Humble). */
  private static final Set<String> VIDEO_COMMANDS = Set.of("encode", "decode", "append", "inspect", "search",
      "demo");
  private static final String ZSTD_PATH_PROPERTY = "ZstdNativePath";
  /** The largest index the warm-up reads ahead of the command (see {@link #smallIndex}). */
  static final long WARM_INDEX_MAX_BYTES = 1 << 20;

  private StartupWarmUp() {}

  /**
   * Starts the warm-up thread for the command in {@code args}, if it is a video command.
   *
   * @param args the command line
   * @param natives the {@code natives} folder beside the CLI jar, or null
   * @return the started thread, or null when there is nothing to warm up
   */
  static @Nullable Thread start(String[] args, @Nullable Path natives) {
    if (args.length == 0 || !VIDEO_COMMANDS.contains(args[0])
        || !Boolean.parseBoolean(System.getProperty("qrvid.warmup", "true"))
        || java.util.Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V")
            || a.equals("--version"))) {
      return null;
    }
    boolean encode = args[0].equals("encode") || args[0].equals("append") || args[0].equals("demo");
    boolean searchIndex = encode && !java.util.Arrays.asList(args).contains("--no-search-index");
    String[] copy = args.clone();
    Thread t = new WarmUpThread(steps(natives, encode, searchIndex, encode ? null : copy));
    t.setDaemon(true);
    t.setPriority(Thread.NORM_PRIORITY - 1);
    t.start();
    return t;
  }

  /**
   * Takes the steps the warm-up thread has not started yet and runs them on the calling thread, then waits until the
   * warm-up thread has finished its own (it never runs longer than the steps the command would take). The main
   * thread calls this once picocli has parsed the command, so that both cores work through the steps.
   *
   * @param warmUp the thread {@link #start} returned
   */
  static void await(Thread warmUp) {
    if (warmUp instanceof WarmUpThread w) {
      drain(w.steps);
    }
    boolean interrupted = false;
    while (true) {
      try {
        warmUp.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The warm-up steps of a command, longest first. Each step warms one library, so the two threads that take steps
   * ({@link #await}) never initialise classes of the same library at the same time (see the class comment).
   */
  private static java.util.Queue<Step> steps(@Nullable Path natives, boolean encode, boolean searchIndex,
      String @Nullable [] readArgs) {
    java.util.Queue<Step> q = new java.util.concurrent.ConcurrentLinkedQueue<>();
    // Humble's natives (about 30 ms) and its Media class, whose static initialiser reads the default time zone (in
    // the CLI jar without a Calendar and its CLDR calendar data: CalendarZoneRewrite).
    q.add(() -> {
      io.qrvid.video.internal.HumbleRuntime.isAvailable();
      return Class.forName("io.humble.video.Media");
    });
    if (searchIndex) {
      q.add(() -> {
        org.apache.lucene.codecs.Codec.getDefault(); // SPI lookups and Lucene's Constants
        return Class.forName("org.apache.lucene.index.IndexWriter");
      });
    }
    Path index = readArgs == null ? null : smallIndex(readArgs);
    if (index != null) {
      q.add(() -> io.qrvid.video.VideoIndex.read(index)); // the index's JSON reader (Jackson's streaming parser)
    }
    if (encode) {
      q.add(() -> new java.security.SecureRandom().nextLong()); // temporary names of the outputs
    }
    q.add(() -> loadZstd(natives));
    // qrvid's own symbol coder: GF(2^8) tables, and the decoder's format and generator tables (a few ms each when
    // interpreted, otherwise paid by the first symbol on a render or read thread)
    q.add(() -> Class.forName(encode ? "io.qrvid.core.internal.Gf256" : "io.qrvid.core.internal.FastSymbolDecoder"));
    return q;
  }

  private static void drain(java.util.Queue<Step> steps) {
    for (Step s = steps.poll(); s != null; s = steps.poll()) {
      step(s);
    }
  }

  /** The warm-up thread, with the steps it and the main thread take. */
  private static final class WarmUpThread extends Thread {
    final java.util.Queue<Step> steps;

    WarmUpThread(java.util.Queue<Step> steps) {
      super("qrvid-warm-up");
      this.steps = steps;
    }

    @Override
    public void run() {
      drain(steps);
    }
  }

  /**
   * The index of the video a reading command names, when it is small enough to read twice at no visible cost
   * ({@value #WARM_INDEX_MAX_BYTES} bytes): {@code qrvid decode|inspect|search VIDEO ...} names the video as its
   * first argument that is not an option. A guess that names no index file warms nothing.
   */
  static @Nullable Path smallIndex(String[] args) {
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("-")) {
        return null;
      }
      try {
        Path index = io.qrvid.video.VideoIndex.pathFor(Path.of(args[i]));
        return Files.isRegularFile(index) && Files.size(index) <= WARM_INDEX_MAX_BYTES ? index : null;
      } catch (java.io.IOException | RuntimeException e) {
        return null;
      }
    }
    return null;
  }

  private interface Step {
    Object run() throws Exception;
  }

  private static void step(Step s) {
    try {
      s.run();
    } catch (Exception | LinkageError e) {
      // the command meets the same problem and reports it
    }
  }

  /**
   * Loads zstd-jni's library from {@code natives/zstd/} when it is there, else leaves it to zstd-jni; see the class
   * comment. Holds zstd-jni's loader lock ({@code Native.load} is a static synchronized method of {@code Native}) so
   * that no other thread sees the property set to a file that does not load.
   */
  static boolean loadZstd(@Nullable Path natives) {
    Path lib = zstdLibrary(natives);
    synchronized (com.github.luben.zstd.util.Native.class) {
      if (com.github.luben.zstd.util.Native.isLoaded()) {
        return true;
      }
      if (lib == null || System.getProperty(ZSTD_PATH_PROPERTY) != null) {
        com.github.luben.zstd.util.Native.load();
        return false;
      }
      System.setProperty(ZSTD_PATH_PROPERTY, lib.toString());
      try {
        com.github.luben.zstd.util.Native.load();
        return true;
      } catch (LinkageError | RuntimeException e) {
        System.clearProperty(ZSTD_PATH_PROPERTY);
        com.github.luben.zstd.util.Native.load(); // the usual copy to a temporary file
        return false;
      }
    }
  }

  /**
   * The unpacked zstd-jni library for this OS and architecture, named as the resource in zstd-jni's jar that its
   * loader would copy ({@code /<os>/<arch>/libzstd-jni-<version>.<ext>}), if both exist.
   */
  static @Nullable Path zstdLibrary(@Nullable Path natives) {
    if (natives == null) {
      return null;
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).replace(' ', '_');
    String arch = System.getProperty("os.arch", "");
    String ext;
    if (os.startsWith("win")) {
      os = "win";
      ext = "dll";
    } else if (os.startsWith("mac")) {
      os = "darwin";
      ext = "dylib";
      if (arch.equals("amd64")) {
        arch = "x86_64";
      }
    } else {
      ext = "so";
    }
    Path folder = natives.resolve("zstd").resolve(os).resolve(arch);
    String prefix = "libzstd-jni-";
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        String resource = "/" + os + "/" + arch + "/" + name;
        if (name.startsWith(prefix) && name.endsWith("." + ext) && Files.isRegularFile(f) && Files.isReadable(f)
            && com.github.luben.zstd.util.Native.class.getResource(resource) != null) {
          return f.toAbsolutePath();
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
    return null;
  }
}
