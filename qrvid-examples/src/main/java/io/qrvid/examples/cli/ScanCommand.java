package io.qrvid.examples.cli;

import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrImageException;
import io.qrvid.decode.QrScanResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qrvid scan IMAGE...}: decodes QR codes in image files with the layered chain and prints one JSON line per
 * image: {@code {"file": ..., <every field of QrScanResult>}}, or {@code {"file": ..., "error": ...}} for files
 * that cannot be read. With {@code --all}, one line per symbol found (and a not-found line for images without
 * any). Exit code 0 when every image had a symbol, 1 when some had none, 2 when some could not be read.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Decode QR codes in images; prints one JSON line per image (or per symbol with --all).")
public final class ScanCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files (PNG, JPEG, GIF, BMP).")
  List<Path> images;

  @Option(names = "--all", description = "Report every symbol in each image.")
  boolean all;

  @Option(names = "--budget-ms", defaultValue = "1500", description = "Time budget per image for levels 1-2 "
      + "(default: ${DEFAULT-VALUE} ms).")
  long budgetMs;

  /** Creates the command (picocli fills the fields). */
  public ScanCommand() {}

  @Override
  public Integer call() {
    QrDecodeChain chain = QrDecodeChain.builder().timeBudget(Duration.ofMillis(budgetMs)).build();
    int exit = 0;
    for (Path image : images) {
      String file = "{\"file\":" + CliJson.string(image.toString());
      try {
        if (all) {
          List<QrScanResult> results = chain.scanAll(java.nio.file.Files.readAllBytes(image));
          if (results.isEmpty()) {
            System.out.println(file + "," + QrScanResult.notFound(Duration.ZERO).toJson().substring(1));
            exit = Math.max(exit, 1);
          }
          for (QrScanResult r : results) {
            System.out.println(file + "," + r.toJson().substring(1));
          }
        } else {
          QrScanResult r = chain.scan(image);
          System.out.println(file + "," + r.toJson().substring(1));
          if (!r.found()) {
            exit = Math.max(exit, 1);
          }
        }
      } catch (IOException | QrImageException e) {
        System.out.println(file + ",\"found\":false,\"error\":" + CliJson.string(String.valueOf(e.getMessage())) + "}");
        exit = 2;
      }
      System.out.flush();
    }
    return exit;
  }
}
