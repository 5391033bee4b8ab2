package org.hutch.app;

import picocli.CommandLine.Command;

/** {@code hutch bench ...}: the benchmarks of each part, as reported in the README's performance table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: run one of the subcommands (each has --help).",
        subcommands = {
            org.hutch.app.cli.receiver.ReceiverBenchCommand.class,
            org.hutch.app.cli.azint.AzintBenchCommand.class,
            org.hutch.app.cli.bench.CodecBenchCommand.class,
            org.hutch.app.cli.bench.AzintPipelineBenchCommand.class,
            org.hutch.app.cli.simulate.SimulatorBenchCommand.class,
            org.hutch.app.cli.bench.WidgetsBenchCommand.class,
        })
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
