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

/** {@code qrvid generations}: lists the stored generation records, newest first. Prompts are cut to 40 chars. */
@Command(name = "generations", mixinStandardHelpOptions = true,
    description = "List stored text-to-video generations (newest first).")
public final class GenerationsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", description = "H2 generation database file (default: ~/.qrvid/generations)")
  @Nullable Path db;

  @Option(names = "--status", description = "only PENDING | PROCESSING | COMPLETED | FAILED | CANCELLED")
  @Nullable GenerationStatus status;

  @Option(names = "--limit", defaultValue = "50", description = "at most this many rows (default: 50)")
  int limit = 50;

  /** Creates the command (picocli injects the options). */
  public GenerationsCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path dbFile = db != null ? db : RemoteOptions.defaultDatabase();
    if (!Files.exists(dbFile.resolveSibling(dbFile.getFileName() + ".mv.db"))) {
      out.println("no generations yet (" + dbFile + ".mv.db does not exist)");
      return 0;
    }
    try (JdbcGenerationStore store = JdbcGenerationStore.h2(dbFile)) {
      List<GenerationRecord> records = status == null ? store.list() : store.list(status);
      out.printf("%-36s  %-10s  %-24s  %-20s  %s%n", "ID", "STATUS", "PROVIDER/MODEL", "CREATED", "VIDEO / ERROR");
      records.stream().limit(limit).forEach(r -> out.printf("%-36s  %-10s  %-24s  %-20s  %s%n", r.id(), r.status(),
          cut(r.provider() + "/" + r.model(), 24), r.createdAt().toString().substring(0, 19),
          r.videoPath().map(Path::toString).orElse(r.errorType().map(t -> t + ": "
              + cut(r.errorMessage().orElse(""), 60)).orElse(r.operationId().map(o -> "op " + o).orElse("")))
              + "  [" + cut(r.prompt(), 40) + "]"));
      out.println(records.size() + " record(s)");
    }
    return 0;
  }

  private static String cut(String s, int n) {
    String oneLine = s.replaceAll("\\s+", " ");
    return oneLine.length() <= n ? oneLine : oneLine.substring(0, n - 1) + "…";
  }
}
