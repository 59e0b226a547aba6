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
 * gracefully).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the HTTP QR decode service (POST /qr/decode, POST /qr/hybrid-fallback, GET /health).")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8008", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
  String bind;

  @Option(names = "--max-request-bytes", defaultValue = "20971520",
      description = "Largest request body (default: ${DEFAULT-VALUE} bytes).")
  long maxRequestBytes;

  @Option(names = "--max-concurrent", description = "Images decoded at once (default: number of processors).")
  Integer maxConcurrent;

  @Option(names = "--budget-ms", defaultValue = "1500", description = "Time budget per image (default: "
      + "${DEFAULT-VALUE} ms).")
  long budgetMs;

  /** Creates the command (picocli fills the fields). */
  public ServeCommand() {}

  @Override
  public Integer call() throws Exception {
    QrDecodeServer.Builder b = QrDecodeServer.builder().port(port).bindAddress(InetAddress.getByName(bind))
        .maxRequestBytes(maxRequestBytes)
        .chain(QrDecodeChain.builder().timeBudget(Duration.ofMillis(budgetMs)).build());
    if (maxConcurrent != null) {
      b.maxConcurrentDecodes(maxConcurrent);
    }
    QrDecodeServer server = b.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "qrvid-serve-shutdown"));
    System.out.println("qrvid decode service on http://" + bind + ":" + server.port()
        + "/qr/decode (also /qr/hybrid-fallback, /health); Ctrl-C to stop");
    server.awaitStop();
    return 0;
  }
}
