package io.qrvid.examples.bench;

import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.QrFrameGenerator;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: frames per second on one thread, 512x512 frames, 400-byte payloads (version 15-M), naive ZXing
 * ({@code QRCodeWriter} + {@code MatrixToImageWriter}) against qrvid's {@link QrFrameGenerator#render} with the best
 * or a fixed mask. Run it with {@code qrvid bench qr --jmh} (or JMH's {@code Runner}); multiply by the workers for
 * qrvid's parallel stream, which {@code qrvid bench qr} measures directly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class QrGenerationBenchmark {
  /** {@code best} or a fixed mask pattern 0..7. */
  @Param({"best", "0"})
  public String mask;

  private List<byte[]> payloads;
  private QrFrameGenerator generator;
  private int next;

  /** Creates the payloads and the generator. */
  @Setup(Level.Trial)
  public void setUp() {
    payloads = QrBench.payloads(256, 400, 42);
    generator = QrBench.generator(512, 15, ErrorCorrection.M, MaskPolicy.parse(mask), 1);
  }

  /** Releases the generator. */
  @TearDown(Level.Trial)
  public void tearDown() {
    generator.close();
  }

  /** The naive ZXing path (its own mask search, whatever {@link #mask} says). */
  @Benchmark
  public BufferedImage naiveZxing() {
    return QrBench.naive(payloads.get(next++ & 255), 512, ErrorCorrection.M);
  }

  /** One qrvid frame into a luma plane. */
  @Benchmark
  public byte[] qrvidFrame() {
    return generator.render(next, List.of(payloads.get(next++ & 255))).luma();
  }
}
