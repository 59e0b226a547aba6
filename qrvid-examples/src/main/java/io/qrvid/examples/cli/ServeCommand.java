package io.qrvid.examples.cli;

import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrDecodeServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qrvid serve --port 8008}: runs {@link QrDecodeServer} ({@code POST /qr/decode},
 * {@code POST /qr/hybrid-fallback}, {@code GET /health}) until the process is stopped (Ctrl-C stops it
 * gracefully). A port in use ends with exit code 3 and a message naming the port.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the HTTP QR decode service (POST /qr/decode, POST /qr/hybrid-fallback, GET /health).")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8008", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
  InetAddress bind;

  @Option(names = "--workers", description = "Images decoded at once (default: the number of cores).")
  Integer workers;

  @Option(names = "--max-request-bytes", defaultValue = "20971520",
      description = "Largest request body; larger is 413 (default: ${DEFAULT-VALUE} bytes).")
  long maxRequestBytes;

  @Option(names = "--max-pixels", defaultValue = "50000000",
      description = "Largest image, in pixels of up to 32 bits, checked from the header for every declared "
          + "dimension; larger is 413 (default: ${DEFAULT-VALUE}).")
  long maxPixels;

  @Option(names = "--max-concurrent-requests", defaultValue = "32",
      description = "Decode requests admitted at once, before their bodies are read (default: ${DEFAULT-VALUE}).")
  int maxConcurrentRequests;

  @Option(names = "--max-queued-requests", defaultValue = "256",
      description = "Decode requests that may wait for admission; more get 503 (default: ${DEFAULT-VALUE}).")
  int maxQueuedRequests;

  @Option(names = "--budget", defaultValue = "1500ms", converter = DurationConverter.class,
      description = "Time budget per image, with a unit (default: ${DEFAULT-VALUE}).")
  Duration budget;

  @Option(names = "--queue-timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "Longest wait for admission or a worker before 503 (default: ${DEFAULT-VALUE}).")
  Duration queueTimeout;

  @Option(names = "--header-timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "Longest time for a request's headers to arrive (default: ${DEFAULT-VALUE}).")
  Duration headerTimeout;

  @Option(names = "--body-timeout", defaultValue = "30s", converter = DurationConverter.class,
      description = "Longest time for a request's body to arrive; then 408 (default: ${DEFAULT-VALUE}).")
  Duration bodyTimeout;

  @Option(names = "--idle-timeout", defaultValue = "30s", converter = DurationConverter.class,
      description = "Longest silence on a connection (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  /** Creates the command (picocli fills the fields). */
  public ServeCommand() {}

  @Override
  public Integer call() throws Exception {
    QrDecodeServer.Builder b;
    try {
      b = QrDecodeServer.builder().port(port).bindAddress(bind).maxRequestBytes(maxRequestBytes)
          .maxConcurrentRequests(maxConcurrentRequests).maxQueuedRequests(maxQueuedRequests)
          .queueTimeout(queueTimeout).headerTimeout(headerTimeout).bodyTimeout(bodyTimeout).idleTimeout(idleTimeout)
          .chain(QrDecodeChain.builder().timeBudget(budget).maxPixels(maxPixels).build());
      if (workers != null) {
        b.workers(workers);
      }
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage(), e);
    }
    QrDecodeServer server = b.build();
    server.start(); // a port in use: BindException naming the port -> exit 3 (QrvidCli)
    Thread hook = new Thread(server::close, "qrvid-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    System.out.println("qrvid decode service on http://" + bind.getHostAddress() + ":" + server.port()
        + "/qr/decode (also /qr/hybrid-fallback, /health); Ctrl-C to stop");
    System.out.flush();
    server.awaitStop();
    return 0;
  }
}
