package org.hutch.app;

import picocli.CommandLine.Command;

/** {@code hutch bench ...}: the benchmarks of each part, as reported in the README's performance table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: run one of the subcommands (each has --help).",
        subcommands = {
            org.hutch.receiver.cli.ReceiverBenchCommand.class,
            org.hutch.azint.cli.AzintBenchCommand.class,
            org.hutch.codec.cli.CodecBenchCommand.class,
            org.hutch.detector.simulator.cli.SimulatorBenchCommand.class,
            org.hutch.widgets.bench.WidgetsBenchCommand.class,
        })
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
