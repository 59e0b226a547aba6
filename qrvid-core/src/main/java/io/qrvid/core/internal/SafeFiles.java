package io.qrvid.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way qrvid writes an output file: under a validated plain name, directly inside a given folder, through a
 * temporary file that is created new ({@code CREATE_NEW}, {@code NOFOLLOW_LINKS}: a file or symbolic link planted
 * under the temporary name is never opened, followed or replaced), forced to disk, and then moved onto the target
 * name atomically ({@code rename(2)}, which replaces a symbolic link at the target rather than writing through it).
 * Several outputs that belong together (a video and its index) are {@linkplain #commitAll committed together}: the
 * previous outputs are replaced only once every new one is complete, and restored if a replacement fails.
 *
 * <p>Temporary names are {@code .<name>.<16 random hex digits>.part} with {@code <name>} cut (at a code point) so
 * that the whole name stays within {@value #MAX_NAME_BYTES} UTF-8 bytes: every valid name has room for its
 * temporary file, and a stale temporary file of an interrupted run is never reused or overwritten.
 *
 * <p>Written for qrvid's own needs (no library offers this combination of checks); thread-safe (no shared state).
 */
public final class SafeFiles {
  /** The longest file name, in UTF-8 bytes, that the common file systems accept (ext4, XFS, Btrfs, APFS). */
  public static final int MAX_NAME_BYTES = 255;
  private static final Logger log = LoggerFactory.getLogger(SafeFiles.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TEMP_SUFFIX = ".part";
  /** "." + name + "." + 16 hex digits + ".part". */
  private static final int TEMP_OVERHEAD = 1 + 1 + 16 + TEMP_SUFFIX.length();

  private SafeFiles() {}

  /**
   * Why {@code name} is not a plain file name, or empty if it is one: it must be non-empty, not {@code .} or
   * {@code ..}, free of {@code /} and {@code \}, of control characters (C0, DEL, C1) and of unpaired surrogates
   * (they have no UTF-8 form), and at most {@value #MAX_NAME_BYTES} bytes in UTF-8.
   */
  public static Optional<String> nameProblem(@Nullable String name) {
    if (name == null) {
      return Optional.of("no name (null)");
    }
    if (name.isEmpty()) {
      return Optional.of("empty name");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("'" + name + "' is not a file name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\') {
        return Optional.of("contains a path separator ('" + c + "')");
      }
      if (Character.isISOControl(c)) {
        return Optional.of(String.format("contains the control character U+%04X", (int) c));
      }
      if (Character.isHighSurrogate(c) && (i + 1 == name.length() || !Character.isLowSurrogate(name.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(name.charAt(i - 1)))) {
        return Optional.of("contains an unpaired surrogate (not valid Unicode)");
      }
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      return Optional.of("is " + bytes + " bytes long in UTF-8; file names have at most " + MAX_NAME_BYTES);
    }
    return Optional.empty();
  }

  /**
   * {@code dir.resolve(name)} after checking {@code name} with {@link #nameProblem}.
   *
   * @throws InvalidNameException if the name is not a plain file name
   */
  public static Path resolve(Path dir, String name) {
    Optional<String> problem = nameProblem(name);
    if (problem.isPresent()) {
      throw new InvalidNameException(name, problem.get());
    }
    return dir.resolve(name);
  }

  /**
   * {@code text} quoted for an error message or log line: control characters, unpaired surrogates and backslashes
   * escaped as {@code \}{@code uXXXX}, cut to about 200 characters, in single quotes. Use it for every name that
   * came from a file or the network, so that a crafted name cannot forge lines or terminal escapes.
   */
  public static String quote(@Nullable String text) {
    return text == null ? "null" : "'" + escape(text) + "'";
  }

  /** Like {@link #quote} without the quotes: for a message that embeds untrusted text (a parser's message). */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), 200) + 2);
    for (int i = 0; i < text.length(); i++) {
      if (sb.length() > 200) {
        sb.append("...(").append(text.length()).append(" chars)");
        break;
      }
      char c = text.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c) && !validPairAt(text, i) || c == '\\'
          || c == '\u2028' || c == '\u2029' || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean validPairAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /**
   * Starts an output: creates its temporary file in {@code dir} (never following or replacing anything already
   * there) and opens it for writing. The caller writes through {@link Staged#channel()}, then commits
   * ({@link Staged#commit()} or {@link #commitAll}) or closes the stage, which deletes the temporary file.
   *
   * @param dir the folder that will hold the output; must exist
   * @param name the output's plain file name
   * @throws InvalidNameException if {@code name} is not a plain file name
   * @throws IOException if the temporary file cannot be created
   */
  public static Staged stage(Path dir, String name) throws IOException {
    Objects.requireNonNull(dir, "dir == null");
    Path target = resolve(dir, name);
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve(tempName(name, ".", TEMP_SUFFIX));
      try {
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        return new Staged(target, temp, ch);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 3) { // 64 random bits colliding four times: something is planting names
          throw e;
        }
      }
    }
  }

  /**
   * Writes {@code bytes} to {@code dir/name} through a temporary file and an atomic move, replacing an existing
   * file of that name only when the new one is complete.
   *
   * @return the path written
   * @throws InvalidNameException if {@code name} is not a plain file name
   * @throws IOException if writing fails; then nothing is left under the temporary name and {@code dir/name} is as
   *     it was
   */
  public static Path write(Path dir, String name, byte[] bytes) throws IOException {
    try (Staged s = stage(dir, name)) {
      s.write(bytes);
      s.commit();
      return s.target();
    }
  }

  /**
   * Commits several staged outputs together: each is forced to disk and closed; only when all of them are complete
   * are the previous files replaced, in the given order. If a replacement fails, the targets already replaced are
   * put back as they were (from hard-link backups made just before) and every temporary file is deleted.
   *
   * <p>Between two of the moves (microseconds) a crash can leave some targets new and others old; give the file
   * that makes the set usable last (the index after its video), so that a reader sees a mismatch, never a
   * complete-looking mix.
   *
   * @throws IOException if a stage cannot be completed or a move fails; the previous targets are then in place
   */
  public static void commitAll(List<Staged> stages) throws IOException {
    List<Staged> all = List.copyOf(stages);
    try {
      for (Staged s : all) {
        s.finish();
      }
    } catch (IOException | RuntimeException e) {
      all.forEach(Staged::close);
      throw e;
    }
    List<Path> backups = new ArrayList<>();
    int moved = 0;
    try {
      for (Staged s : all) {
        backups.add(backup(s.target));
      }
      for (Staged s : all) {
        move(s.temp, s.target);
        s.committed = true;
        moved++;
      }
    } catch (IOException | RuntimeException e) {
      for (int i = moved - 1; i >= 0; i--) {
        Staged s = all.get(i);
        Path b = i < backups.size() ? backups.get(i) : null;
        try {
          if (b != null) {
            move(b, s.target);
            backups.set(i, null);
          } else {
            Files.deleteIfExists(s.target);
          }
        } catch (IOException rollback) {
          e.addSuppressed(rollback);
        }
      }
      all.forEach(Staged::close);
      throw e;
    } finally {
      for (Path b : backups) {
        if (b != null) {
          try {
            Files.deleteIfExists(b);
          } catch (IOException e) {
            log.debug("cannot delete backup {}: {}", b, e.toString());
          }
        }
      }
    }
    syncFolder(all.get(0).target.getParent());
  }

  /** A hard link to {@code target} under a fresh temporary name, or null if there is no target or no links. */
  private static @Nullable Path backup(Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Path dir = target.getParent();
    Path b = dir.resolve(tempName(target.getFileName().toString(), ".", ".old"));
    try {
      Files.createLink(b, target);
      return b;
    } catch (UnsupportedOperationException | IOException e) {
      log.debug("no hard-link backup of {} ({}); it is replaced without one", target, e.toString());
      return null;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void syncFolder(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // Not every platform can open a folder (Windows); the rename is then as durable as the platform makes it.
      log.trace("cannot sync folder {}: {}", dir, e.toString());
    }
  }

  private static String tempName(String name, String prefix, String suffix) {
    byte[] r = new byte[8];
    RANDOM.nextBytes(r);
    int room = MAX_NAME_BYTES - TEMP_OVERHEAD;
    String head = name;
    if (name.getBytes(StandardCharsets.UTF_8).length > room) {
      StringBuilder sb = new StringBuilder();
      int bytes = 0;
      for (int i = 0; i < name.length(); ) {
        int cp = name.codePointAt(i);
        int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
        if (bytes + n > room) {
          break;
        }
        sb.appendCodePoint(cp);
        bytes += n;
        i += Character.charCount(cp);
      }
      head = sb.toString();
    }
    return prefix + head + "." + HexFormat.of().formatHex(r) + suffix;
  }

  /** Thrown when a name is not a plain file name. */
  public static final class InvalidNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final String problem;

    InvalidNameException(String name, String problem) {
      super("not a plain file name: " + quote(name) + ": " + problem);
      this.name = name;
      this.problem = problem;
    }

    /** The rejected name, as given. */
    public String name() {
      return name;
    }

    /** What is wrong with it. */
    public String problem() {
      return problem;
    }
  }

  /**
   * One output being written: a temporary file in the target's folder, open for writing. Not thread-safe. Closing
   * an uncommitted stage deletes its temporary file; closing is idempotent.
   */
  public static final class Staged implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean finished;
    private boolean committed;
    private boolean closed;

    private Staged(Path target, Path temp, FileChannel channel) {
      this.target = target;
      this.temp = temp;
      this.channel = channel;
    }

    /** The final path. */
    public Path target() {
      return target;
    }

    /** The temporary file being written. */
    public Path temp() {
      return temp;
    }

    /** The open temporary file, positioned at 0 initially; do not close it (the stage does). */
    public FileChannel channel() {
      return channel;
    }

    /** Writes all of {@code bytes} at the channel's position. */
    public void write(byte[] bytes) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }

    /** Bytes written so far (the temporary file's size). */
    public long size() throws IOException {
      return channel.size();
    }

    private void finish() throws IOException {
      if (closed) {
        throw new IllegalStateException("stage of " + target + " is closed");
      }
      if (!finished) {
        channel.force(true);
        channel.close();
        finished = true;
      }
    }

    /**
     * Forces the temporary file to disk and moves it onto the target atomically.
     *
     * @throws IOException if that fails; the target is then as it was and the temporary file is deleted
     */
    public void commit() throws IOException {
      commitAll(List.of(this));
    }

    /** Deletes the temporary file unless the stage was committed. Idempotent. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing {}: {}", temp, e.toString());
      }
      if (!committed) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          log.warn("cannot delete temporary file {}: {}", temp, e.toString());
        }
      }
    }
  }
}
