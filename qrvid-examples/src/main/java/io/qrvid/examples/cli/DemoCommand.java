package io.qrvid.examples.cli;

import io.qrvid.video.EncodeResult;
import io.qrvid.video.QrDecodeException;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.QrVideoReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid demo}: a real round trip on sample text that ships inside the CLI jar. Exit codes: 0 every file came
 * back byte for byte, 1 some did not, 3 the output folder cannot be used (a file, or a folder holding other files).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Encode the bundled sample texts (five Vim manual chapters and a multilingual UTF-8 file) into a "
        + "QR video, decode it into a fresh folder, compare byte for byte, and print the verdict.")
public final class DemoCommand implements Callable<Integer> {
  static final List<String> SAMPLES = List.of("vim/usr_01.txt", "vim/usr_02.txt", "vim/usr_03.txt",
      "vim/usr_04.txt", "vim/usr_05.txt", "multilingual.txt");

  @Spec CommandSpec spec;

  /** What a demo folder holds: anything else in it means it is not one, and it is never cleared. */
  private static final List<String> DEMO_ENTRIES = List.of("input", "restored", "demo.mp4", "demo.mp4.qrvid.json");

  @Option(names = {"-o", "--output"}, defaultValue = "qrvid-demo-out", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}): a new or empty folder, or one an earlier demo "
          + "wrote, which is cleared first.")
  Path dir = Path.of("qrvid-demo-out");

  @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String refused = refusal(dir);
    if (refused != null) {
      err.println("qrvid: " + refused);
      return QrvidCli.EXIT_INPUT;
    }
    Path input = dir.resolve("input");
    Path restored = dir.resolve("restored");
    Path video = dir.resolve("demo.mp4");
    deleteTree(dir);
    Files.createDirectories(input);
    List<Path> files = new ArrayList<>();
    for (String name : SAMPLES) {
      Path target = input.resolve(name.substring(name.lastIndexOf('/') + 1));
      try (InputStream in = DemoCommand.class.getResourceAsStream("/samples/" + name)) {
        if (in == null) {
          throw new IOException("sample " + name + " is missing from the jar");
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      files.add(target);
    }
    out.printf("demo: %d sample files in %s%n", files.size(), input);
    out.flush();

    EncodeResult r;
    try (Progress p = new Progress("encode", 0, quiet)) {
      r = QrVideoEncoder.builder().progressListener(p).build().encode(files, video);
    }
    out.printf("encode: %d chunks -> %d frames; text %,d B, video %,d B, index %,d B, (video+index)/text %.3f; "
        + "%.2f s%n", r.chunks(), r.frames(), r.textBytes(), r.videoBytes(), r.indexBytes(), r.storageRatio(),
        r.elapsed().toNanos() / 1e9);
    out.flush();

    long t0 = System.nanoTime();
    try (Progress p = new Progress("decode", r.frames(), quiet);
        QrVideoReader reader = QrVideoReader.builder(video).progressListener(p).build()) {
      reader.restoreTo(restored);
    } catch (QrDecodeException e) {
      out.println("demo: FAILED: " + e.getMessage());
      return QrvidCli.EXIT_INCOMPLETE;
    }
    double decodeSeconds = (System.nanoTime() - t0) / 1e9;
    int same = 0;
    for (Path f : files) {
      Path back = restored.resolve(f.getFileName());
      boolean equal = Files.exists(back) && Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(back));
      out.printf("  %-18s %8d bytes  %s%n", f.getFileName(), Files.size(f), equal ? "identical" : "DIFFERENT");
      same += equal ? 1 : 0;
    }
    out.printf("decode: %.2f s%n", decodeSeconds);
    boolean ok = same == files.size();
    out.println(ok ? "demo: PASS: every file restored byte for byte from the video alone (" + video + ")"
        : "demo: FAILED: " + (files.size() - same) + " files differ");
    out.flush();
    return ok ? 0 : QrvidCli.EXIT_INCOMPLETE;
  }

  /**
   * Why {@code dir} cannot be the demo's folder, or null when it can: it must be missing, an empty folder, or a
   * folder holding only what a demo writes (so that clearing it never deletes a user's files).
   */
  static @Nullable String refusal(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return "the output " + dir + " is not a folder";
    }
    try (var entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        boolean ours = DEMO_ENTRIES.contains(name) || name.startsWith(".demo.mp4.") && name.endsWith(".part");
        if (!ours) {
          return "the output folder " + dir + " holds " + name + ", which the demo did not write; it clears its "
              + "folder first, so give a new or empty one with -o";
        }
      }
    }
    return null;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
