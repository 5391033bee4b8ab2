package org.hutch.widgets.plot;

import java.nio.IntBuffer;

import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;

/**
 * The image part of {@link CakeView} and {@link WaterfallView}: an ARGB image stretched over its pane without
 * smoothing (one block per data cell), a message over it when there is nothing to show, and a readout of the
 * cell under the mouse. FX thread only.
 * <p>
 * Node ids: {@code #<prefix>-image}, {@code #<prefix>-message}.
 */
final class ImageArea extends StackPane {
    /** What the readout says at a point of the image (its local coordinates); "" outside. */
    interface Describer {
        String at(double x, double y);
    }

    private final ImageView image = new ImageView();
    private final Pane holder = new Pane(image);
    private final Label message = new Label();

    ImageArea(String idPrefix) {
        image.setId(idPrefix + "-image");
        image.setSmooth(false);
        image.setPreserveRatio(false);
        image.fitWidthProperty().bind(holder.widthProperty());
        image.fitHeightProperty().bind(holder.heightProperty());
        holder.setMinSize(50, 50);
        holder.getStyleClass().add("image-area");
        message.setId(idPrefix + "-message");
        message.getStyleClass().add("plot-message");
        message.setWrapText(true);
        message.setMouseTransparent(true);
        message.setVisible(false);
        getChildren().addAll(holder, message);
    }

    /** Shows in {@code readout} what {@code describer} says of the point under the mouse. */
    void readoutTo(Label readout, Describer describer) {
        holder.addEventHandler(MouseEvent.MOUSE_MOVED, e -> readout.setText(describer.at(e.getX(), e.getY())));
        holder.addEventHandler(MouseEvent.MOUSE_EXITED, e -> readout.setText(""));
    }

    /** Shows {@code argb} (pre-multiplied, {@code rows} rows of {@code width}), the first row at the top. */
    void show(int[] argb, int width, int rows) {
        PixelBuffer<IntBuffer> pb = new PixelBuffer<>(width, rows, IntBuffer.wrap(argb), PixelFormat.getIntArgbPreInstance());
        image.setImage(new WritableImage(pb));
    }

    void clearImage() {
        image.setImage(null);
    }

    /** The image on screen, or null. */
    Image image() {
        return image.getImage();
    }

    /** Shows {@code text} over the image; {@code null} or blank hides it. @return whether a message is shown */
    boolean message(String text) {
        boolean show = text != null && !text.isBlank();
        message.setText(show ? text : "");
        message.setVisible(show);
        return show;
    }

    String messageText() {
        return message.getText();
    }

    boolean messageShown() {
        return message.isVisible();
    }

    /** The pane the image fills (for the readout's coordinates). */
    Pane holder() {
        return holder;
    }
}
