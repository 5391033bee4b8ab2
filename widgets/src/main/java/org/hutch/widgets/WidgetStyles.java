package org.hutch.widgets;

import java.util.Objects;

import javafx.css.PseudoClass;
import javafx.scene.Parent;

/**
 * The widgets' stylesheet ({@code hutch-widgets.css}) and the pseudo-classes the widgets switch in
 * code for colours that follow a state.
 */
public final class WidgetStyles {

    /** URL of {@code hutch-widgets.css}. */
    public static final String STYLESHEET =
            Objects.requireNonNull(WidgetStyles.class.getResource("hutch-widgets.css"), "hutch-widgets.css").toExternalForm();

    /** A value that needs the user's attention (an error state, lost frames, a stale poll). */
    public static final PseudoClass ALERT = PseudoClass.getPseudoClass("alert");
    /** A field whose text is not accepted. */
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private WidgetStyles() {
    }

    /** Adds the widgets' stylesheet to {@code widget}'s own stylesheets (once). */
    public static void addTo(Parent widget) {
        if (!widget.getStylesheets().contains(STYLESHEET)) {
            widget.getStylesheets().add(STYLESHEET);
        }
    }
}
