package io.qrvid.examples.bench;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameStream;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.QrFrame;
import io.qrvid.core.QrFrameGenerator;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The measurements behind {@code qrvid bench qr} and {@link QrGenerationBenchmark}: qrvid's frame generator against
 * the naive ZXing path ({@link QRCodeWriter} + {@link MatrixToImageWriter} to a {@link BufferedImage}) on the same
 * payloads, and the decode-success cost of a fixed mask after the same degradation.
 */
public final class QrBench {
  private QrBench() {}

  /** {@code count} random payloads of {@code bytes} bytes each (seeded, so every run and path gets the same). */
  public static List<byte[]> payloads(int count, int bytes, long seed) {
    Random r = new Random(seed);
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] b = new byte[bytes];
      r.nextBytes(b);
      out.add(b);
    }
    return out;
  }

  /**
   * The naive path: {@code QRCodeWriter.encode} at {@code size x size} (ZXing scales whole modules and pads) with
   * ZXing's default mask search, then {@code MatrixToImageWriter.toBufferedImage}.
   */
  public static BufferedImage naive(byte[] payload, int size, ErrorCorrection level) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.valueOf(level.name()));
    try {
      BitMatrix m = new QRCodeWriter().encode(new String(payload, StandardCharsets.ISO_8859_1), BarcodeFormat.QR_CODE,
          size, size, hints);
      return MatrixToImageWriter.toBufferedImage(m);
    } catch (WriterException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A generator of {@code size x size} frames at {@code version}-{@code level}. */
  public static QrFrameGenerator generator(int size, int version, ErrorCorrection level, MaskPolicy mask,
      int workers) {
    return QrFrameGenerator.builder().version(version).errorCorrection(level).quietZone(4).frameSize(size, size)
        .maskPolicy(mask).workers(workers).sequential(workers == 1).build();
  }

  /**
   * A generator of {@code size x size} frames at {@code version}-{@code level} with everything else at the library's
   * defaults (mask policy, workers, in-flight window), as a user who sets only the symbol and frame size gets it.
   */
  public static QrFrameGenerator defaultGenerator(int size, int version, ErrorCorrection level) {
    return QrFrameGenerator.builder().version(version).errorCorrection(level).quietZone(4).frameSize(size, size)
        .build();
  }

  /**
   * Frames per second, on the calling thread, of the best-mask path as it was before qrvid's own mask search:
   * ZXing's {@code Encoder.encode} (version hint, ZXing's per-module penalty loops over the eight masks), then the
   * symbol drawn into a new luma plane with {@link QrFrameGenerator#drawModules} as {@code gen} would.
   */
  public static double zxingSearchFramesPerSecond(QrFrameGenerator gen, List<byte[]> payloads, long millis)
      throws WriterException {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_VERSION, gen.layout().version());
    ErrorCorrectionLevel level = ErrorCorrectionLevel.valueOf(gen.layout().errorCorrection().name());
    int w = gen.frameWidth();
    int offset = gen.originY() * w + gen.originX();
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000L;
    long sink = 0;
    int frames = 0;
    for (int i = 0; System.nanoTime() < deadline; i++) {
      byte[] payload = payloads.get(i % payloads.size());
      ByteMatrix m = Encoder.encode(new String(payload, StandardCharsets.ISO_8859_1), level, hints).getMatrix();
      int n = m.getWidth();
      boolean[] modules = new boolean[n * n];
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          modules[y * n + x] = m.get(x, y) == 1;
        }
      }
      byte[] plane = new byte[w * gen.frameHeight()];
      Arrays.fill(plane, (byte) gen.lightLevel());
      gen.drawModules(modules, plane, offset, w, 0);
      sink += plane[plane.length / 2];
      frames++;
    }
    if (sink == Long.MIN_VALUE) {
      System.out.print("");
    }
    return frames * 1e9 / (System.nanoTime() - start);
  }

  /** Frames per second of the naive path on {@code threads} threads for about {@code millis}. */
  public static double naiveFramesPerSecond(List<byte[]> payloads, int size, ErrorCorrection level, int threads,
      long millis) throws Exception {
    LongAdder frames = new LongAdder();
    LongAdder sink = new LongAdder();
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        fs.add(pool.submit(() -> {
          for (int i = offset; System.nanoTime() < deadline; i += threads) {
            BufferedImage img = naive(payloads.get(i % payloads.size()), size, level);
            sink.add(img.getRGB(size / 2, size / 2));
            frames.increment();
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return frames.sum() * 1e9 / (System.nanoTime() - start);
  }

  /** Frames per second of qrvid's in-memory frame stream for about {@code millis}. */
  public static double qrvidFramesPerSecond(QrFrameGenerator gen, List<byte[]> payloads, long millis) {
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000L;
    Iterator<byte[]> cycling = new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return System.nanoTime() < deadline;
      }

      @Override
      public byte[] next() {
        return payloads.get(i++ % payloads.size());
      }
    };
    long sink = 0;
    int frames = 0;
    try (FrameStream stream = gen.frames(cycling)) {
      while (stream.hasNext()) {
        QrFrame f = stream.next();
        sink += f.luma()[f.luma().length / 2];
        frames++;
      }
      if (!stream.stats().allSucceeded()) {
        throw new IllegalStateException("frames failed: " + stream.stats().failures().get(0));
      }
    }
    if (sink == Long.MIN_VALUE) {
      System.out.print("");
    }
    return frames * 1e9 / (System.nanoTime() - start);
  }

  /**
   * A degradation applied identically to every policy's frames: area-averaging downscale (each output pixel is the
   * mean of the input area it covers, as a camera sensor or a video scaler would) by a factor between
   * {@code minScale} and {@code maxScale} chosen by the sample's seed (spreading the module/pixel phase, to which
   * ZXing is sensitive), Gaussian noise of {@code noiseSigma} grey levels, then JPEG at {@code jpegQuality} (0..100).
   *
   * @param name a label for reports
   */
  public record Degradation(String name, double minScale, double maxScale, double noiseSigma, int jpegQuality) {
    /**
     * Degrades a grey plane; {@code seed} fixes the scale and the noise, so the same seed degrades every policy's
     * frame alike.
     */
    public BufferedImage apply(byte[] luma, int width, int height, long seed) {
      double frac = (seed * 0.6180339887498949) % 1.0;
      double scale = minScale + (maxScale - minScale) * frac;
      int w = Math.max(1, (int) Math.round(width * scale));
      int h = Math.max(1, (int) Math.round(height * scale));
      float[] horizontal = new float[w * height];
      for (int y = 0; y < height; y++) {
        resample(luma, y * width, 1, width, horizontal, y * w, 1, w);
      }
      float[] both = new float[w * h];
      for (int x = 0; x < w; x++) {
        resample(horizontal, x, w, height, both, x, w, h);
      }
      BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      byte[] px = ((DataBufferByte) small.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < px.length; i++) {
        px[i] = (byte) Math.max(0, Math.min(255, Math.round(both[i])));
      }
      if (noiseSigma > 0) {
        Random r = new Random(seed);
        for (int i = 0; i < px.length; i++) {
          int v = (px[i] & 0xFF) + (int) Math.round(r.nextGaussian() * noiseSigma);
          px[i] = (byte) Math.max(0, Math.min(255, v));
        }
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
          writer.setOutput(ios);
          ImageWriteParam p = writer.getDefaultWriteParam();
          p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
          p.setCompressionQuality(jpegQuality / 100f);
          writer.write(null, new IIOImage(small, null, null), p);
        } finally {
          writer.dispose();
        }
        return ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Area-averaging 1-D resample of {@code n} samples (stride {@code is}) to {@code m} samples (stride {@code os}). */
  private static void resample(Object src, int io, int is, int n, float[] dst, int oo, int os, int m) {
    double ratio = (double) n / m;
    for (int j = 0; j < m; j++) {
      double a = j * ratio;
      double b = a + ratio;
      double sum = 0;
      for (int i = (int) a; i < Math.min(n, (int) Math.ceil(b)); i++) {
        double cover = Math.min(b, i + 1) - Math.max(a, i);
        double v = src instanceof byte[] ? ((byte[]) src)[io + i * is] & 0xFF : ((float[]) src)[io + i * is];
        sum += cover * v;
      }
      dst[oo + j * os] = (float) (sum / ratio);
    }
  }

  /** Decodes with plain ZXing ({@code HybridBinarizer}, {@code TRY_HARDER}) and compares with {@code expected}. */
  public static boolean decodesTo(BufferedImage img, byte[] expected) {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    try {
      Result r = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))),
          hints);
      Object segs = r.getResultMetadata() == null ? null : r.getResultMetadata().get(ResultMetadataType.BYTE_SEGMENTS);
      if (!(segs instanceof List)) {
        return false;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Object s : (List<?>) segs) {
        out.writeBytes((byte[]) s);
      }
      return Arrays.equals(out.toByteArray(), expected);
    } catch (ReaderException e) {
      return false;
    }
  }

  /**
   * The share of {@code payloads} that decode back exactly after {@code degradation}, rendered with {@code mask}
   * (frames of {@code size} pixels, {@code version}-{@code level}), decoded on {@code threads} threads. Sample i uses
   * noise seed i for every mask policy.
   */
  public static double decodeSuccess(List<byte[]> payloads, int size, int version, ErrorCorrection level,
      MaskPolicy mask, Degradation degradation, int threads) throws Exception {
    LongAdder ok = new LongAdder();
    try (QrFrameGenerator gen = generator(size, version, level, mask, threads);
        FrameStream frames = gen.frames(payloads)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> fs = new ArrayList<>();
        while (frames.hasNext()) {
          QrFrame f = frames.next();
          fs.add(pool.submit(() -> {
            BufferedImage d = degradation.apply(f.luma(), f.width(), f.height(), f.index());
            if (decodesTo(d, payloads.get(f.index()))) {
              ok.increment();
            }
          }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    return ok.sum() / (double) payloads.size();
  }
}
