package io.qrvid.examples.bench.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.geom.Point2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes a generated image and its labels to a folder, and reads labels back: {@code DIR/<category>/<name>.jpg}
 * with {@code <name>.json} beside it, the format the bench's folder mode and {@code bench/zxing-wasm} read:
 *
 * <pre>{@code
 * {"format": "qrvid-labels/1", "image": "glare_0003.jpg", "category": "glare", "width": 1024, "height": 768,
 *  "symbols": [{"text": "...", "bytes": "<base64>", "outline": [[x, y], ...], "version": 4, "ec": "M",
 *               "mask": 2, "notes": ["..."]}]}
 * }</pre>
 *
 * <p>Outline points are image pixels (see {@link SymbolLabel}). The image is written first and the label file last,
 * through a temporary file and an atomic move, so a label file only exists beside a complete image. Stateless and
 * thread-safe.
 */
public final class LabelFiles {
  /** The {@code format} value of label files written by this version. */
  public static final String FORMAT = "qrvid-labels/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelFiles() {}

  /**
   * Writes the image and its label file under {@code dir/<category>/}.
   *
   * @return the image file
   * @throws IOException if a file cannot be written
   */
  public static Path write(SyntheticImage image, Path dir) throws IOException {
    Path folder = dir.resolve(image.category().id());
    Files.createDirectories(folder);
    Path file = folder.resolve(image.name() + "." + image.format());
    Files.write(file, image.encoded());
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("image", file.getFileName().toString());
    root.put("category", image.category().id());
    root.put("width", image.width());
    root.put("height", image.height());
    ArrayNode symbols = root.putArray("symbols");
    for (SymbolLabel l : image.labels()) {
      ObjectNode s = symbols.addObject();
      s.put("text", l.text());
      s.put("bytes", Base64.getEncoder().encodeToString(l.bytes()));
      ArrayNode outline = s.putArray("outline");
      for (Point2D.Double p : l.outline()) {
        outline.addArray().add(round(p.x)).add(round(p.y));
      }
      s.put("version", l.version());
      if (l.ec() != null) {
        s.put("ec", l.ec());
      }
      s.put("mask", l.mask());
      ArrayNode notes = s.putArray("notes");
      l.notes().forEach(notes::add);
    }
    Path json = folder.resolve(image.name() + ".json");
    Path tmp = folder.resolve(image.name() + ".json.part");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
    Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The label file beside an image: {@code <name>.json}. */
  public static Path labelFileOf(Path image) {
    String n = image.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return image.resolveSibling((dot < 0 ? n : n.substring(0, dot)) + ".json");
  }

  /**
   * Reads a label file.
   *
   * @throws IOException if it cannot be read, is not JSON, or is not a {@link #FORMAT} file
   */
  public static List<SymbolLabel> read(Path labelFile) throws IOException {
    JsonNode root = JSON.readTree(labelFile.toFile());
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IOException(labelFile + ": not a " + FORMAT + " label file");
    }
    List<SymbolLabel> out = new ArrayList<>();
    for (JsonNode s : root.path("symbols")) {
      List<Point2D.Double> outline = new ArrayList<>();
      for (JsonNode p : s.path("outline")) {
        outline.add(new Point2D.Double(p.path(0).asDouble(), p.path(1).asDouble()));
      }
      List<String> notes = new ArrayList<>();
      s.path("notes").forEach(n -> notes.add(n.asText()));
      if (!s.path("text").isTextual()) {
        throw new IOException(labelFile + ": a symbol without text");
      }
      try {
        out.add(new SymbolLabel(s.path("text").asText(), Base64.getDecoder().decode(s.path("bytes").asText("")),
            outline, s.path("version").asInt(0), s.hasNonNull("ec") ? s.path("ec").asText() : null,
            s.path("mask").asInt(-1), notes));
      } catch (IllegalArgumentException e) {
        throw new IOException(labelFile + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
