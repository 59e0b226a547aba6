package io.qrvid.examples.cli;

import io.qrvid.video.EncodeResult;
import io.qrvid.video.QrVideoCorpus;
import io.qrvid.video.QrVideoEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrvid append NAME.qrvid-manifest.json FILE...}: adds a segment to a growing corpus. */
@Command(name = "append", mixinStandardHelpOptions = true,
    description = "Encode FILEs into a new segment of the corpus MANIFEST (created if missing), with its search "
        + "index; nothing already stored is re-encoded. Decode a corpus with 'qrvid decode MANIFEST -o DIR', search "
        + "it with 'qrvid search MANIFEST QUERY'.")
public final class AppendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MANIFEST", description = "NAME.qrvid-manifest.json")
  Path manifest;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE")
  List<Path> inputs;

  @picocli.CommandLine.Option(names = "--no-search-index",
      description = "Do not build the new segment's search index ('qrvid search MANIFEST' then fails until "
          + "'qrvid search --build-index' builds it).")
  boolean noSearchIndex;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    QrVideoCorpus corpus = QrVideoCorpus.open(manifest,
        QrVideoEncoder.builder().searchIndex(!noSearchIndex).build());
    EncodeResult r = corpus.append(EncodeCommand.expand(inputs));
    out.printf("appended %d documents (%,d bytes) as segment %s; the corpus has %d segments%n", r.documents(),
        r.textBytes(), r.video().getFileName(), corpus.manifest().segments().size());
    out.flush();
    return 0;
  }
}
