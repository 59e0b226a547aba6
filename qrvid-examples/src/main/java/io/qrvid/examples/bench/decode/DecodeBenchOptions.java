package io.qrvid.examples.bench.decode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link DecodeBench#run(DecodeBenchOptions, java.io.PrintStream, java.io.PrintStream)} measures; filled by
 * {@code qrvid bench decode}. Mutable, not thread-safe; the defaults are the command's.
 */
public final class DecodeBenchOptions {
  /** Folders to read (see the command's help for the layouts). */
  public final List<Path> folders = new ArrayList<>();
  /** Whether to generate and measure the synthetic set. */
  public boolean synthetic;
  /** The generator's seed (default 1). */
  public long seed = 1;
  /** Images per photo category (default 20). */
  public int count = 20;
  /** Negative images (default 40). */
  public int negatives = 40;
  /** Over-damaged symbols, one per image (default 300). */
  public int overDamage = 300;
  /**
   * Up-scales each synthetic image so that its long side is this many pixels ({@link
   * io.qrvid.examples.bench.synthetic.SyntheticImage#withLongSide}), e.g. 4032 for a 12-megapixel phone photo;
   * 0 (the default) keeps the generated sizes (640-3000 pixels).
   */
  public int longSide;
  /** Category ids to generate; empty = all. */
  public final List<String> categories = new ArrayList<>();
  /** Writes the synthetic set here instead of measuring it. */
  public @Nullable Path write;
  /** Rotations (degrees clockwise) of folder images (default 0). */
  public final List<Integer> rotations = new ArrayList<>(List.of(0));
  /** The chain's time budget per image (default 1500 ms). */
  public Duration budget = Duration.ofMillis(1500);
  /** Images decoded untimed first, per suite (default 10). */
  public int warmup = 10;
  /** JSON lines instead of tables. */
  public boolean json;
  /** Result files of other decoders (JSON lines, e.g. from bench/zxing-wasm) to print as extra columns. */
  public final List<Path> withResults = new ArrayList<>();
  /** Decoders to run, from {@code zxing, zxing-hard, boofcv, chain} (default zxing, boofcv, chain). */
  public final List<String> decoders = new ArrayList<>(List.of("zxing", "boofcv", "chain"));
  /** Threads that generate the synthetic set (decoding always runs on one thread). */
  public int workers = Runtime.getRuntime().availableProcessors();
  /** No progress on stderr. */
  public boolean quiet;
  /** Threshold table for folders: {@code auto} (by folder name), {@code zxing}, {@code zxing-cpp}, {@code none}. */
  public String thresholds = "auto";
}
