package org.hutch.detector.eiger;

import java.io.IOException;

/** The eiger plugin's SIMPLON simulator (a DCU's REST API on 127.0.0.1) for the app's tests. */
public final class SimplonDcu implements AutoCloseable {
    private final SimplonSimulator sim;

    private SimplonDcu(SimplonSimulator sim) {
        this.sim = sim;
    }

    /** A DCU reporting SIMPLON 1.8.0. */
    public static SimplonDcu start() throws IOException {
        return new SimplonDcu(SimplonSimulator.start("1.8.0"));
    }

    public String url() {
        return sim.url();
    }

    @Override
    public void close() {
        sim.close();
    }
}
