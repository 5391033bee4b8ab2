package org.hutch.app;

import java.util.concurrent.Callable;

import javafx.application.Application;
import picocli.CommandLine.Command;

/** {@code hutch app}: opens the main window. */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Open the Hutch window (lab mode unless a receiver URL is given).")
public final class AppCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Application.launch(HutchApp.class);
        return 0;
    }
}
