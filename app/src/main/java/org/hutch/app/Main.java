package org.hutch.app;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./hutch}: with no subcommand it opens the app in lab mode.
 * Kept free of JavaFX types so the classpath launch works (see HutchApp).
 */
@Command(name = "hutch",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Live view and control for X-ray area detectors.%n"
                + "With no command, opens the app in lab mode (embedded receiver + simulated detector).",
        subcommands = {
            AppCommand.class,
            AcquireCommand.class,
            org.hutch.app.cli.receiver.ReceiverCommand.class,
            org.hutch.app.cli.azint.AzintCommand.class,
            org.hutch.app.cli.calibrate.CalibrateCommand.class,
            org.hutch.app.cli.azint.AzintPipelineCommand.class,
            org.hutch.app.cli.simulate.SimulateCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        return new AppCommand().call();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command tree; also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // exit 2 with a one-line reason on bad arguments (spec/cli.md)
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine bad = ex.getCommandLine();
            bad.getErr().println("hutch: " + ex.getMessage() + " (see '" + bad.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, bad, parseResult) -> {
            bad.getErr().println("hutch: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return 1;
        });
        return cl;
    }

    /** Reads the version Maven writes into the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hutch " + HutchVersion.get()};
        }
    }
}
