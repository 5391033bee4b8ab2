package org.hutch.widgets;

import javafx.application.Platform;

/**
 * The cheap guard at the entry of methods that touch nodes: a call from another thread fails at
 * once with the method's name, instead of corrupting the scene graph later and elsewhere.
 */
public final class FxThread {

    private FxThread() {
    }

    /**
     * Throws {@link IllegalStateException} naming {@code method} unless called on the JavaFX
     * application thread.
     */
    public static void check(String method) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException(method + " must be called on the JavaFX application thread, not on "
                    + Thread.currentThread().getName());
        }
    }
}
