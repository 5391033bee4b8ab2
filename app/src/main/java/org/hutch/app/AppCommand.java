package org.hutch.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import javafx.application.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hutch app}: opens the main window. */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Open the Hutch window: lab mode (embedded receiver + simulated detector) unless --receiver is given.")
public final class AppCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--receiver", paramLabel = "URL",
            description = "Watch (and control through) this receiver, for example http://host:5000 (cluster mode).")
    String receiver;

    @Option(names = "--receiver-token-file", paramLabel = "FILE",
            description = {"File holding the bearer token the receiver (or its ingress) wants.",
                "Default: $HUTCH_RECEIVER_TOKEN_FILE, or the token in $HUTCH_RECEIVER_TOKEN."})
    Path receiverTokenFile;

    @Option(names = "--receiver-ca", paramLabel = "PEM",
            description = {"Trust only these certificates for an https receiver (a facility CA or a self-signed one).",
                "Default: $HUTCH_RECEIVER_CA, else the JDK's trusted authorities."})
    Path receiverCa;

    @Option(names = "--detector", paramLabel = "ID[:k=v,...]",
            description = {"Detector plugin and its options, for example simulator or simulator:shape=1024,1024.",
                "Repeat it (lab mode) for several detectors in one window, one tab each."})
    java.util.List<String> detectors = new java.util.ArrayList<>();

    @Option(names = "--view-only", description = "Watch only: no control can change detector or receiver state.")
    boolean viewOnly;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder of the embedded receiver (lab mode).")
    Path dataDir;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "Settings file (default: ~/.config/hutch/settings.json).")
    Path settings;

    @Option(names = "--auto-acquire", paramLabel = "N", hidden = true,
            description = "Acquire N frames as soon as the window is ready (demos, screenshots).")
    int autoAcquire;

    @Override
    public Integer call() throws org.hutch.app.client.ReceiverException {
        org.hutch.app.client.ReceiverAccess.setDefault(
                org.hutch.app.client.ReceiverAccess.fromOptions(receiverTokenFile, receiverCa));
        if (receiver != null && detectors.size() > 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "one receiver URL watches one detector: give a single --detector with --receiver");
        }
        if (receiver != null) {
            // refused here, so a typing error is neither opened nor remembered among the recent receivers
            org.hutch.app.client.ReceiverUrl.problem(receiver).ifPresent(p -> {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), p);
            });
        }
        LaunchOptions.set(new LaunchOptions(receiver, detectors.isEmpty() ? null : detectors.get(0), viewOnly, dataDir,
                settings, autoAcquire, detectors.size() > 1 ? detectors.subList(1, detectors.size()) : java.util.List.of()));
        Application.launch(HutchApp.class);
        return 0;
    }
}
