package io.qrvid.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code qrvid memvid}: verify, import and export memvid v0.1.x libraries (a QR video + {@code _index.json}). */
@Command(name = "memvid", mixinStandardHelpOptions = true,
    description = "memvid libraries (video + <name>_index.json): verify chunk by chunk, import into qrvid, export "
        + "libraries memvid reads.",
    subcommands = {MemvidVerifyCommand.class, MemvidImportCommand.class, MemvidExportCommand.class})
public final class MemvidCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
