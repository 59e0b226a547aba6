package io.qrvid.core;

import io.qrvid.core.internal.GrayImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Receives the images of a {@link QrBatchJob}, one call per generated item. An exception marks that item FAILED with
 * the exception as its reason; other items are unaffected.
 *
 * <p>Called from the job's worker threads, possibly concurrently for different items: implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface QrImageSink {
  /**
   * Stores or forwards the image of item {@code id}.
   *
   * @param id the item's id, a safe file name
   * @param image the rendered symbol
   * @throws Exception if the image cannot be stored; the item is marked FAILED
   */
  void accept(String id, QrImage image) throws Exception;

  /**
   * A sink that writes {@code <id>.png} or {@code <id>.svg} into {@code folder} (created if needed), each through a
   * temporary file moved into place. Item ids are restricted by {@link QrBatchJob} to safe file names.
   *
   * @param folder where the files go
   * @param format PNG or SVG
   * @return a thread-safe sink
   * @throws NullPointerException if an argument is null
   */
  static QrImageSink folder(Path folder, ImageFormat format) {
    Objects.requireNonNull(folder, "folder == null");
    Objects.requireNonNull(format, "format == null");
    return (id, image) -> {
      Files.createDirectories(folder);
      GrayImages.writeAtomically(folder.resolve(id + "." + format.extension()), image.toBytes(format));
    };
  }

  /**
   * A sink that hands each image to {@code consumer} as a base64 {@code data:} URI in {@code format}.
   *
   * @param format PNG or SVG
   * @param consumer receives the item id and the URI; called from worker threads, so it must be thread-safe
   * @return a sink, as thread-safe as {@code consumer}
   * @throws NullPointerException if an argument is null
   */
  static QrImageSink dataUris(ImageFormat format, BiConsumer<String, String> consumer) {
    Objects.requireNonNull(format, "format == null");
    Objects.requireNonNull(consumer, "consumer == null");
    return (id, image) -> consumer.accept(id, image.toDataUri(format));
  }

}
