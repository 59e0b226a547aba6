package io.qrvid.examples.cli;

import io.qrvid.remote.GenerationRecord;
import io.qrvid.remote.GenerationStatus;
import io.qrvid.remote.JdbcGenerationStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid generations}: lists the stored generation records, newest first: a table (prompts cut to 40
 * characters), or with {@code --json} one JSON object per record and line. Exit codes: 0 listed (also when the
 * database does not exist yet), 2 bad usage, 3 the database cannot be opened.
 */
@Command(name = "generations", mixinStandardHelpOptions = true, versionProvider = QrvidCli.VersionProvider.class,
    description = "List stored text-to-video generations (newest first).")
public final class GenerationsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", paramLabel = "FILE",
      description = "H2 generation database (default: ~/.qrvid/generations; H2 adds .mv.db)")
  @Nullable Path db;

  @Option(names = "--status", description = "only PENDING | PROCESSING | COMPLETED | FAILED | CANCELLED")
  @Nullable GenerationStatus status;

  @Option(names = "--limit", defaultValue = "50", description = "at most this many rows (default: 50)")
  int limit = 50;

  @Option(names = "--json", description = "one JSON object per record and line (the full prompt included)")
  boolean json;

  /** Creates the command (picocli injects the options). */
  public GenerationsCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (limit < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must not be negative");
    }
    Path dbFile = db != null ? db : RemoteOptions.defaultDatabase();
    if (!Files.exists(dbFile.resolveSibling(dbFile.getFileName() + ".mv.db"))) {
      if (!json) {
        out.println("no generations yet (" + dbFile + ".mv.db does not exist)");
      }
      return 0;
    }
    try (JdbcGenerationStore store = JdbcGenerationStore.h2(dbFile)) {
      List<GenerationRecord> records = status == null ? store.list() : store.list(status);
      if (json) {
        records.stream().limit(limit).forEach(r -> out.println(json(r)));
        out.flush();
        return 0;
      }
      out.printf("%-36s  %-10s  %-24s  %-20s  %s%n", "ID", "STATUS", "PROVIDER/MODEL", "CREATED", "VIDEO / ERROR");
      records.stream().limit(limit).forEach(r -> out.printf("%-36s  %-10s  %-24s  %-20s  %s%n", r.id(), r.status(),
          cut(r.provider() + "/" + r.model(), 24), r.createdAt().toString().substring(0, 19),
          r.videoPath().filter(v -> r.status() == GenerationStatus.COMPLETED).map(Path::toString)
              .orElse(r.errorType().map(t -> t + ": " + cut(r.errorMessage().orElse(""), 60))
                  .orElse(r.operationId().map(o -> "op " + o).orElse("")))
              + "  [" + cut(r.prompt(), 40) + "]"));
      out.println(records.size() + " record(s)");
    }
    return 0;
  }

  private static String json(GenerationRecord r) {
    StringBuilder b = new StringBuilder("{\"id\":").append(CliJson.string(r.id()))
        .append(",\"status\":").append(CliJson.string(r.status().name()))
        .append(",\"provider\":").append(CliJson.string(r.provider()))
        .append(",\"model\":").append(CliJson.string(r.model()))
        .append(",\"prompt\":").append(CliJson.string(r.prompt()))
        .append(",\"config\":").append(CliJson.string(r.config()))
        .append(",\"createdAt\":").append(CliJson.string(r.createdAt().toString()))
        .append(",\"updatedAt\":").append(CliJson.string(r.updatedAt().toString()))
        .append(",\"attempts\":").append(r.attempts());
    r.operationId().ifPresent(v -> b.append(",\"operationId\":").append(CliJson.string(v)));
    r.videoPath().ifPresent(v -> b.append(",\"video\":").append(CliJson.string(v.toString())));
    r.submittedAt().ifPresent(v -> b.append(",\"submittedAt\":").append(CliJson.string(v.toString())));
    r.finishedAt().ifPresent(v -> b.append(",\"finishedAt\":").append(CliJson.string(v.toString())));
    r.errorType().ifPresent(v -> b.append(",\"errorType\":").append(CliJson.string(v)));
    r.errorMessage().ifPresent(v -> b.append(",\"errorMessage\":").append(CliJson.string(v)));
    return b.append('}').toString();
  }

  private static String cut(String s, int n) {
    String oneLine = s.replaceAll("\\s+", " ");
    return oneLine.length() <= n ? oneLine : oneLine.substring(0, n - 1) + "…";
  }
}
