package io.qrvid.examples.cli;

import picocli.CommandLine.Command;

/** Parent of the benchmark commands; each prints ratios measured side by side in one run. */
@Command(name = "bench", description = "Benchmarks that print ratios measured side by side in one run.",
    mixinStandardHelpOptions = true, subcommands = {BenchVideoCommand.class, BenchQrCommand.class,
        BenchDecodeCommand.class, BenchCliCommand.class, BenchServeCommand.class, BenchMemvidCommand.class,
        BenchSearchCommand.class})
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
