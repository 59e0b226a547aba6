package io.qrvid.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.decode.ImageLoader;
import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrImageException;
import io.qrvid.decode.QrScanResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qrvid scan IMAGE...}: decodes QR codes in image files (PNG, JPEG incl. EXIF orientation and CMYK, GIF, BMP,
 * WebP, TIFF) with the layered chain and prints one JSON line per image, {@code {"file": ..., <every field of
 * QrScanResult>}}; with {@code --all}, one line per symbol found (and a not-found line for images without any).
 *
 * <p>A file that cannot be scanned gets a line {@code {"file": ..., "found": false, "error": {"code": ...,
 * "message": ...}}} and a message naming it on stderr, and the scan goes on with the next file. Codes:
 * {@code FILE_NOT_FOUND}, {@code ACCESS_DENIED}, {@code IO_ERROR} (the file), {@code UNSUPPORTED_FORMAT},
 * {@code UNREADABLE_IMAGE}, {@code TOO_LARGE} (the image; with {@code width}/{@code height} when the header declared
 * them). Every image is checked against {@code --max-pixels} from its header before any pixel is decoded
 * ({@link ImageLoader}).
 *
 * <p>{@code --workers N} (default: the number of cores) scans that many images at once, each on one thread; the
 * lines come out in the order of the arguments, whatever order the images finish in. At most two images per worker
 * are held in memory at a time.
 *
 * <p>Exit code: 0 when every image had a symbol, 1 when some image had none, 3 when some file could not be read or
 * was not a usable image (the highest applies); 2 only for bad usage.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Decode QR codes in images; prints one JSON line per image (or per symbol with --all).")
public final class ScanCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(arity = "1..*", paramLabel = "IMAGE",
      description = "Image files (PNG, JPEG, GIF, BMP, WebP, TIFF).")
  List<Path> images;

  @Option(names = "--all", description = "Report every symbol in each image.")
  boolean all;

  @Option(names = "--budget", defaultValue = "1500ms", converter = DurationConverter.class,
      description = "Time budget per image for levels 1-2, with a unit (default: ${DEFAULT-VALUE}).")
  Duration budget;

  @Option(names = "--workers", paramLabel = "N", description = "Images scanned at once (default: the number of "
      + "cores); output keeps the order of the arguments.")
  Integer workers;

  @Option(names = "--max-pixels", defaultValue = "50000000",
      description = "Largest image accepted, in pixels of up to 32 bits, checked from the header for every declared "
          + "dimension (default: ${DEFAULT-VALUE}).")
  long maxPixels;

  /** Creates the command (picocli fills the fields). */
  public ScanCommand() {}

  @Override
  public Integer call() {
    if (maxPixels <= 0) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--max-pixels must be positive: " + maxPixels);
    }
    int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
    if (threads < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--workers must be at least 1: " + threads);
    }
    threads = Math.min(threads, images.size());
    // several images at once keep every core busy with one image each; one image alone gets the chain's own
    // side-by-side steps instead
    QrDecodeChain chain = QrDecodeChain.builder().timeBudget(budget).maxPixels(maxPixels)
        .workers(threads > 1 ? 1 : Math.min(2, Runtime.getRuntime().availableProcessors())).build();
    ImageLoader loader = ImageLoader.builder().maxPixels(maxPixels).lumaPlane(true).build();
    PrintStream out = System.out;
    int exit = 0;
    if (threads == 1) {
      for (Path image : images) {
        exit = Math.max(exit, scanOne(chain, loader, image).print(out));
      }
      return exit;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // at most two images per worker decoded and waiting, so memory stays bounded on long lists of photos
      int window = 2 * threads;
      Deque<Future<Outcome>> pending = new ArrayDeque<>();
      int next = 0;
      while (next < images.size() || !pending.isEmpty()) {
        while (next < images.size() && pending.size() < window) {
          Path image = images.get(next++);
          pending.add(pool.submit(() -> scanOne(chain, loader, image)));
        }
        exit = Math.max(exit, await(pending.poll()).print(out));
      }
      return exit;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome await(Future<Outcome> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      if (c instanceof Error) {
        throw (Error) c;
      }
      throw new IllegalStateException(c);
    }
  }

  /** What one image gives: its output lines, its exit code and a message for stderr (or null). */
  private static final class Outcome {
    final List<String> lines = new ArrayList<>();
    int exit;
    @Nullable String error;

    int print(PrintStream out) {
      for (String l : lines) {
        out.println(l);
      }
      out.flush();
      if (error != null) {
        System.err.println("qrvid: scan: " + error);
      }
      return exit;
    }
  }

  private Outcome scanOne(QrDecodeChain chain, ImageLoader loader, Path image) {
    Outcome o = new Outcome();
    try {
      BufferedImage img = loader.load(image);
      if (all) {
        long start = System.nanoTime();
        List<QrScanResult> results = chain.scanAll(img);
        if (results.isEmpty()) {
          // the time spent finding nothing, as --all results report their scan's time
          o.lines.add(line(image, QrScanResult.notFound(Duration.ofNanos(System.nanoTime() - start))));
          o.exit = QrvidCli.EXIT_INCOMPLETE;
        }
        for (QrScanResult r : results) {
          o.lines.add(line(image, r));
        }
      } else {
        QrScanResult r = chain.scan(img);
        o.lines.add(line(image, r));
        if (!r.found()) {
          o.exit = QrvidCli.EXIT_INCOMPLETE;
        }
      }
    } catch (NoSuchFileException e) {
      fail(o, image, "FILE_NOT_FOUND", "no such file: " + image, -1, -1);
    } catch (AccessDeniedException e) {
      fail(o, image, "ACCESS_DENIED", "permission denied: " + image, -1, -1);
    } catch (IOException e) {
      fail(o, image, "IO_ERROR", "cannot read " + image + ": " + e.getMessage(), -1, -1);
    } catch (QrImageException e) {
      String code = e.reason() == QrImageException.Reason.UNREADABLE ? "UNREADABLE_IMAGE" : e.reason().name();
      fail(o, image, code, image + ": " + e.getMessage(), e.width(), e.height());
    }
    return o;
  }

  private static void fail(Outcome o, Path image, String code, String message, int width, int height) {
    ObjectNode line = JSON.createObjectNode();
    line.put("file", image.toString());
    line.put("found", false);
    ObjectNode error = line.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (width > 0 && height > 0) {
      error.put("width", width);
      error.put("height", height);
    }
    o.lines.add(line.toString());
    o.error = message;
    o.exit = QrvidCli.EXIT_INPUT;
  }

  private static String line(Path image, QrScanResult r) {
    try {
      ObjectNode line = JSON.createObjectNode();
      line.put("file", image.toString());
      line.setAll((ObjectNode) JSON.readTree(r.toJson()));
      return line.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
