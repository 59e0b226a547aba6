package io.qrvid.core;

import io.qrvid.core.internal.OrderedPipeline;
import io.qrvid.core.internal.PlainDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * Checks a folder of PNG frames as written by {@link QrFrameGenerator#writeFolder}: the folder exists, every file
 * follows the naming convention ({@link FrameFolder#fileName(int)}), the frame indices run from 0 without a gap,
 * the number of frames is the expected one, no file is empty, and (optionally) every frame decodes, with plain
 * ZXing, back to its expected payload.
 *
 * <pre>{@code
 * FrameValidation.Report report = FrameValidation.builder()
 *     .expectedPayloads(payloads)      // implies decoding and the expected count
 *     .build()
 *     .validate(Path.of("frames"));
 * if (!report.valid()) report.problems().forEach(System.err::println);
 * }</pre>
 *
 * <p>Decoding runs in parallel on the {@link Builder#executor(Executor) executor} (default: the common
 * fork-join pool), at most {@link Builder#workers(int)} frames at a time. Problems are reported, never thrown:
 * only misuse throws. Immutable and thread-safe.
 */
public final class FrameValidation {
  private final int expectedCount;
  private final boolean decode;
  private final @Nullable List<byte[]> expectedPayloads;
  private final int symbolsPerFrame;
  private final @Nullable Executor executor;
  private final int parallelism;

  private FrameValidation(Builder b) {
    expectedPayloads = b.expectedPayloads;
    symbolsPerFrame = b.symbolsPerFrame;
    expectedCount = b.expectedCount >= 0 || expectedPayloads == null ? b.expectedCount
        : (expectedPayloads.size() + symbolsPerFrame - 1) / symbolsPerFrame;
    decode = b.decode || expectedPayloads != null;
    executor = b.executor;
    parallelism = b.parallelism;
  }

  /** {@return a new builder with the defaults: no expected count, no decoding, one symbol per frame} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a validation with the defaults: structure only (folder, names, sequence, empty files)} */
  public static FrameValidation defaults() {
    return builder().build();
  }

  /** {@return a new builder holding this validation's settings; it does not affect this validation} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the expected number of frames (set, or implied by expected payloads), or -1 when not checked} */
  public int expectedCount() {
    return expectedCount;
  }

  /** {@return whether every frame is decoded (set, or implied by expected payloads)} */
  public boolean decode() {
    return decode;
  }

  /** What can be wrong with a frame folder. */
  public enum Kind {
    /** The folder does not exist. */
    FOLDER_MISSING,
    /** The path exists but is not a folder. */
    NOT_A_FOLDER,
    /** The folder cannot be listed. */
    UNREADABLE_FOLDER,
    /** A file's name does not follow {@code frame_000000.png}. */
    BAD_NAME,
    /** The number of frames differs from the expected count. */
    COUNT_MISMATCH,
    /** An index below the highest one (or the expected count) has no file. */
    MISSING_INDEX,
    /** A frame file has zero bytes. */
    EMPTY_FILE,
    /** A frame file is not a readable image. */
    UNREADABLE_IMAGE,
    /** No QR symbol (or fewer than expected) could be decoded from a frame. */
    NOT_DECODED,
    /** A frame decoded to something else than its expected payload. */
    PAYLOAD_MISMATCH
  }

  /**
   * One problem found.
   *
   * @param kind what is wrong
   * @param index the frame index, or -1 when it concerns the folder or a misnamed file
   * @param file the file name concerned, or empty for the folder or a missing index
   * @param message a human-readable description
   */
  public record Problem(Kind kind, int index, String file, String message) {
    @Override
    public String toString() {
      return kind + (index >= 0 ? " #" + index : "") + (file.isEmpty() ? "" : " " + file) + ": " + message;
    }
  }

  /**
   * The result of a validation.
   *
   * @param folder the folder validated
   * @param frameCount the number of correctly named frame files found
   * @param decodedFrames the number of frames that decoded (and matched their payload when one was expected); 0
   *     when decoding was off
   * @param problems every problem, folder-level first, then by index
   */
  public record Report(Path folder, int frameCount, int decodedFrames, List<Problem> problems) {
    /**
     * Copies the list.
     *
     * @param folder the folder validated
     * @param frameCount the number of correctly named frame files found
     * @param decodedFrames the number of frames that decoded (and matched their payload when one was expected)
     * @param problems every problem, folder-level first, then by index; copied
     * @throws NullPointerException if {@code problems} is null or holds null
     */
    public Report {
      problems = List.copyOf(problems);
    }

    /** {@return true when no problem was found} */
    public boolean valid() {
      return problems.isEmpty();
    }

    /**
     * Selects the problems of one kind.
     *
     * @param kind the kind wanted
     * @return an unmodifiable list of the problems of that kind, in report order
     */
    public List<Problem> problems(Kind kind) {
      return problems.stream().filter(p -> p.kind() == kind).toList();
    }
  }

  /**
   * Validates {@code folder}. Blocks until every check (and decode) is done.
   *
   * @param folder the frame folder; a missing or unreadable folder is a problem of the report
   * @return the report; problems are reported there, not thrown
   * @throws NullPointerException if {@code folder} is null
   */
  public Report validate(Path folder) {
    Objects.requireNonNull(folder, "folder == null");
    List<Problem> problems = new ArrayList<>();
    if (!Files.exists(folder)) {
      problems.add(new Problem(Kind.FOLDER_MISSING, -1, "", "folder " + folder + " does not exist"));
      return new Report(folder, 0, 0, problems);
    }
    if (!Files.isDirectory(folder)) {
      problems.add(new Problem(Kind.NOT_A_FOLDER, -1, "", folder + " is not a folder"));
      return new Report(folder, 0, 0, problems);
    }
    TreeMap<Integer, Path> frames = new TreeMap<>();
    List<Problem> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
      for (Path p : ds) {
        if (Files.isDirectory(p)) {
          continue;
        }
        String name = p.getFileName().toString();
        OptionalInt index = FrameFolder.indexOf(name);
        if (index.isPresent()) {
          frames.put(index.getAsInt(), p);
        } else {
          names.add(new Problem(Kind.BAD_NAME, -1, name, "not named like " + FrameFolder.fileName(0)));
        }
      }
    } catch (IOException e) {
      problems.add(new Problem(Kind.UNREADABLE_FOLDER, -1, "", "cannot list " + folder + ": " + e));
      return new Report(folder, 0, 0, problems);
    }
    names.sort((a, b) -> a.file().compareTo(b.file()));
    if (expectedCount >= 0 && frames.size() != expectedCount) {
      problems.add(new Problem(Kind.COUNT_MISMATCH, -1, "", frames.size() + " frames, expected " + expectedCount));
    }
    problems.addAll(names);
    List<Problem> perFrame = new ArrayList<>();
    int end = Math.max(frames.isEmpty() ? 0 : frames.lastKey() + 1, Math.max(expectedCount, 0));
    int missing = 0;
    for (int i = 0; i < end; i++) {
      if (!frames.containsKey(i)) {
        if (++missing <= 1000) {
          perFrame.add(new Problem(Kind.MISSING_INDEX, i, "", "no file " + FrameFolder.fileName(i)));
        }
      }
    }
    if (missing > 1000) {
      perFrame.add(new Problem(Kind.MISSING_INDEX, -1, "", (missing - 1000) + " more missing indices"));
    }
    List<Map.Entry<Integer, Path>> present = new ArrayList<>();
    for (Map.Entry<Integer, Path> e : frames.entrySet()) {
      long size;
      try {
        size = Files.size(e.getValue());
      } catch (IOException ex) {
        size = -1;
      }
      if (size == 0) {
        perFrame.add(new Problem(Kind.EMPTY_FILE, e.getKey(), e.getValue().getFileName().toString(), "empty file"));
      } else {
        present.add(e);
      }
    }
    int decoded = decode ? decodeAll(present, perFrame) : 0;
    perFrame.sort((a, b) -> Integer.compare(a.index(), b.index()));
    problems.addAll(perFrame);
    return new Report(folder, frames.size(), decoded, problems);
  }

  /**
   * Validates only frames {@code frames.first()..frames.last()} of {@code folder}: each frame of the range must have
   * its file ({@code MISSING_INDEX} otherwise), not empty, and, when decoding, decode to its expected payloads (those
   * of its absolute frame number). Whole-folder checks ({@code BAD_NAME}, {@code COUNT_MISMATCH}, gaps outside the
   * range) are left to {@link #validate(Path)}. Files outside the range are not read, so ranges of one folder may be
   * validated separately, in parallel or on other machines (see {@link FrameBatch}), and their problems together are
   * those of the frames of the whole range.
   *
   * <pre>{@code
   * FrameValidation v = FrameValidation.builder().expectedPayloads(payloads).workers(1).build();
   * FrameBatch.Summary<FrameValidation.Report> s = FrameBatch.builder(0, frames - 1,
   *         (range, context) -> v.validate(folder, range))
   *     .workers(4).build().run();
   * }</pre>
   *
   * @param folder the frame folder; a missing or unreadable folder is a problem of the report
   * @param frames the inclusive, 0-based range of frame numbers to check
   * @return the report of the range: {@link Report#frameCount()} counts the range's files found
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the range goes beyond the {@link #expectedCount() expected count} (also
   *     implied by expected payloads), or beyond frame 999,999,999
   */
  public Report validate(Path folder, FrameRanges.Range frames) {
    Objects.requireNonNull(folder, "folder == null");
    Objects.requireNonNull(frames, "frames == null");
    if (expectedCount >= 0 && frames.last() >= expectedCount) {
      throw new IllegalArgumentException("frames " + frames + " go beyond the " + expectedCount + " expected frames"
          + (expectedCount > 0 ? " (0.." + (expectedCount - 1) + ")" : ""));
    }
    if (frames.first() < 0 || frames.last() > 999_999_999) {
      throw new IllegalArgumentException("frames " + frames + " not in 0..999999999");
    }
    List<Problem> problems = new ArrayList<>();
    if (!Files.exists(folder)) {
      problems.add(new Problem(Kind.FOLDER_MISSING, -1, "", "folder " + folder + " does not exist"));
      return new Report(folder, 0, 0, problems);
    }
    if (!Files.isDirectory(folder)) {
      problems.add(new Problem(Kind.NOT_A_FOLDER, -1, "", folder + " is not a folder"));
      return new Report(folder, 0, 0, problems);
    }
    List<Map.Entry<Integer, Path>> present = new ArrayList<>();
    int found = 0;
    for (long f = frames.first(); f <= frames.last(); f++) {
      int i = (int) f;
      String name = FrameFolder.fileName(i);
      Path file = folder.resolve(name);
      long size;
      try {
        size = Files.isRegularFile(file) ? Files.size(file) : -1;
      } catch (IOException e) {
        size = -1;
      }
      if (size < 0) {
        problems.add(new Problem(Kind.MISSING_INDEX, i, "", "no file " + name));
        continue;
      }
      found++;
      if (size == 0) {
        problems.add(new Problem(Kind.EMPTY_FILE, i, name, "empty file"));
      } else {
        present.add(Map.entry(i, file));
      }
    }
    int decoded = decode ? decodeAll(present, problems) : 0;
    problems.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return new Report(folder, found, decoded, problems);
  }

  /**
   * Decodes the present frame files on the executor, at most {@code parallelism} at a time, adds a problem per
   * frame that fails to {@code problems}, and returns how many decoded as expected.
   */
  private int decodeAll(List<Map.Entry<Integer, Path>> present, List<Problem> problems) {
    int decoded = 0;
    Executor ex = executor != null ? executor : ForkJoinPool.commonPool();
    try (OrderedPipeline<Map.Entry<Integer, Path>, Optional<Problem>> p =
             new OrderedPipeline<>(present.iterator(), (i, e) -> check(e.getKey(), e.getValue()), ex, parallelism)) {
      while (p.hasNext()) {
        Optional<Problem> problem = p.next();
        if (problem.isPresent()) {
          problems.add(problem.get());
        } else {
          decoded++;
        }
      }
    }
    return decoded;
  }

  private Optional<Problem> check(int index, Path file) {
    String name = file.getFileName().toString();
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      img = null;
    }
    if (img == null) {
      return Optional.of(new Problem(Kind.UNREADABLE_IMAGE, index, name, "not a readable image"));
    }
    byte[] luma = PlainDecoder.luma(img);
    List<byte[]> expected = null;
    if (expectedPayloads != null) {
      int from = index * symbolsPerFrame;
      if (from >= expectedPayloads.size()) {
        return Optional.of(new Problem(Kind.PAYLOAD_MISMATCH, index, name, "no payload expected for this frame"));
      }
      expected = expectedPayloads.subList(from, Math.min(from + symbolsPerFrame, expectedPayloads.size()));
    }
    List<byte[]> got;
    if (symbolsPerFrame == 1) {
      got = PlainDecoder.decodeOne(luma, img.getWidth(), img.getHeight()).map(List::of).orElse(List.of());
    } else {
      got = PlainDecoder.decodeAll(luma, img.getWidth(), img.getHeight());
    }
    int want = expected != null ? expected.size() : 1;
    if (got.size() < want) {
      return Optional.of(new Problem(Kind.NOT_DECODED, index, name,
          "decoded " + got.size() + " of " + (expected != null ? expected.size() : "at least 1") + " symbols"));
    }
    if (expected != null) {
      for (int s = 0; s < expected.size(); s++) {
        if (s >= got.size() || !Arrays.equals(expected.get(s), got.get(s))) {
          return Optional.of(new Problem(Kind.PAYLOAD_MISMATCH, index, name, "symbol " + s
              + " does not match its payload (" + expected.get(s).length + " bytes expected)"));
        }
      }
    }
    return Optional.empty();
  }

  /** Configures a {@link FrameValidation}. Mutable and not thread-safe. */
  public static final class Builder {
    private int expectedCount = -1;
    private boolean decode;
    private @Nullable List<byte[]> expectedPayloads;
    private int symbolsPerFrame = 1;
    private @Nullable Executor executor;
    private int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());

    private Builder() {}

    private Builder(FrameValidation v) {
      expectedCount = v.expectedCount;
      decode = v.decode;
      expectedPayloads = v.expectedPayloads;
      symbolsPerFrame = v.symbolsPerFrame;
      executor = v.executor;
      parallelism = v.parallelism;
    }

    /**
     * The number of frames the folder must hold (default: not checked, unless {@link #expectedPayloads} are set).
     *
     * @param frames the number of frames, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder expectedCount(int frames) {
      if (frames < 0) {
        throw new IllegalArgumentException("expectedCount < 0: " + frames);
      }
      this.expectedCount = frames;
      return this;
    }

    /**
     * Whether to decode every frame with plain ZXing (default false; implied by {@link #expectedPayloads}).
     *
     * @param decode true to decode every frame and report a frame without a symbol
     * @return this builder
     */
    public Builder decode(boolean decode) {
      this.decode = decode;
      return this;
    }

    /**
     * The payload of every symbol, in order ({@link #symbolsPerFrame} per frame): each frame must decode back to its
     * payloads exactly. Also sets the expected count unless {@link #expectedCount} is set. Default: none.
     *
     * @param payloads the payloads; the list and every array are copied
     * @return this builder
     * @throws NullPointerException if {@code payloads} is null or holds null
     */
    public Builder expectedPayloads(List<byte[]> payloads) {
      List<byte[]> copy = new ArrayList<>(payloads.size());
      for (byte[] p : payloads) {
        copy.add(Objects.requireNonNull(p, "null payload").clone());
      }
      this.expectedPayloads = List.copyOf(copy);
      return this;
    }

    /**
     * Like {@link #expectedPayloads(List)} with text payloads, expected as UTF-8 bytes.
     *
     * @param texts the payloads as text, one per symbol; copied
     * @return this builder
     * @throws NullPointerException if {@code texts} is null or holds null
     */
    public Builder expectedTexts(List<String> texts) {
      List<byte[]> bytes = new ArrayList<>(texts.size());
      for (String t : texts) {
        bytes.add(t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      this.expectedPayloads = List.copyOf(bytes);
      return this;
    }

    /**
     * Symbols per frame (default 1): how many expected payloads belong to each frame, and how many symbols a frame
     * must decode to.
     *
     * @param symbols the symbols per frame
     * @return this builder
     * @throws IllegalArgumentException unless 1..256
     */
    public Builder symbolsPerFrame(int symbols) {
      if (symbols < 1 || symbols > 256) {
        throw new IllegalArgumentException("symbolsPerFrame not in 1..256: " + symbols);
      }
      this.symbolsPerFrame = symbols;
      return this;
    }

    /**
     * Runs the decoding on this executor (default: the common fork-join pool); the caller keeps ownership.
     *
     * @param executor the executor
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * How many frames are decoded at once (default {@link Runtime#availableProcessors()}); 1 decodes one after the
     * other. (Named {@code parallelism} before 0.2.)
     *
     * @param frames the most frames decoded at once
     * @return this builder
     * @throws IllegalArgumentException unless 1..256
     */
    public Builder workers(int frames) {
      if (frames < 1 || frames > 256) {
        throw new IllegalArgumentException("workers not in 1..256: " + frames);
      }
      this.parallelism = frames;
      return this;
    }

    /** {@return a new validation, immutable and thread-safe; the builder may be reused} */
    public FrameValidation build() {
      return new FrameValidation(this);
    }
  }
}
