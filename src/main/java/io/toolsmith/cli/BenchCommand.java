package io.toolsmith.cli;

import picocli.CommandLine.Command;

/** {@code toolsmith bench …}: speed and memory figures measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed and memory on this machine.",
        subcommands = {
                BenchSandboxCommand.class,
                AnalyzerBenchCommand.class,
                PickleBenchCommand.class,
                BenchUiCommand.class,
                BenchSnapshotCommand.class,
                BenchChatsCommand.class,
                BenchContextCommand.class,
        })
public final class BenchCommand {
}
