/**
 * Hutch's JavaFX widgets: {@link org.hutch.widgets.image.LiveImageView},
 * {@link org.hutch.widgets.plot.AzintPlot}, {@link org.hutch.widgets.control.DetectorControlPanel} and
 * {@link org.hutch.widgets.status.ReceiverStatusView}. They know nothing about detectors or networks;
 * the application feeds them plain data ({@link org.hutch.widgets.image.ImageFrame},
 * {@link org.hutch.widgets.plot.Curve}, {@link org.hutch.widgets.control.ControlState},
 * {@link org.hutch.model.receiver.ReceiverStatus}) and reacts to their callbacks.
 * <p>
 * Feeding from background threads always goes through {@link org.hutch.widgets.FxHandoff}, the
 * coalescing hand-off: the newest value wins and the FX event queue never fills up.
 */
package org.hutch.widgets;
