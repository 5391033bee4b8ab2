package org.hutch.app;

/** The application version, from the jar manifest (Maven's Implementation-Version). */
public final class HutchVersion {
    private HutchVersion() {
    }

    public static String get() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
