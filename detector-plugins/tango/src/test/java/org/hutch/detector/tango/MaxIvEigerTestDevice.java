package org.hutch.detector.tango;

import fr.esrf.Tango.DevFailed;
import java.util.List;
import org.tango.DeviceState;
import org.tango.server.annotation.Attribute;
import org.tango.server.annotation.AttributeProperties;
import org.tango.server.annotation.Command;
import org.tango.server.annotation.Device;
import org.tango.server.annotation.Status;
import org.tango.utils.DevFailedUtils;

/**
 * A test device that behaves as MAX IV's Eiger Tango device does for mxcube's BIOMAXEiger and Sardana's
 * EigerDectrisCtrl: CountTime, FrameTime (at least 1 ms), NbImages, NbTriggers, TriggerMode (ints, inte, exts, exte),
 * FilenamePattern, PhotonEnergy, Compression, HeaderDetail, StreamState; commands Arm, Trigger, Disarm, Abort, Cancel.
 * Tango State stays ON after Arm; the first line of Status says idle, ready (armed) or acquire; State is MOVING while
 * images are taken. Each trigger takes NbImages frames (one in inte / exte); after NbTriggers the series ends (series
 * end sent, idle). Settings are refused unless idle. Test control: InjectError(reason) puts "error" in Status.
 */
@Device
public class MaxIvEigerTestDevice extends StreamingTestDevice {
    private static final List<String> MODES = List.of("ints", "inte", "exts", "exte");
    private String detectorState = "idle";
    private String error = "";
    private int triggersTaken;
    private long framesTaken;

    @Status
    private volatile String status = "idle";

    @Attribute(name = "CountTime")
    @AttributeProperties(minValue = "0.0000003", maxValue = "3600")
    private volatile double countTime = 0.1;

    @Attribute(name = "FrameTime")
    @AttributeProperties(minValue = "0.001", maxValue = "3600")
    private volatile double frameTime = 0.1;

    @Attribute(name = "NbImages")
    @AttributeProperties(minValue = "1")
    private volatile long nbImages = 1;

    @Attribute(name = "NbTriggers")
    @AttributeProperties(minValue = "1")
    private volatile long nbTriggers = 1;

    @Attribute(name = "TriggerMode")
    private volatile String triggerMode = "ints";

    @Attribute(name = "FilenamePattern")
    private volatile String filenamePattern = "";

    @Attribute(name = "PhotonEnergy")
    private volatile double photonEnergy = 12_000;

    @Attribute(name = "Compression")
    private volatile String compression = "bslz4";

    @Attribute(name = "HeaderDetail")
    private volatile String headerDetail = "basic";

    @Attribute(name = "StreamState")
    private volatile String streamState = "ready";

    public String getStatus() {
        return status;
    }

    /** Status as the device shows it: the detector state, then the error on the next line. */
    private String statusText() {
        return detectorState + (error.isEmpty() ? "" : "\n" + error);
    }

    public void setStatus(String s) {
        status = s;
    }

    public double getCountTime() {
        return countTime;
    }

    public void setCountTime(double v) throws DevFailed {
        idleOnly("CountTime");
        countTime = v;
    }

    public double getFrameTime() {
        return frameTime;
    }

    public void setFrameTime(double v) throws DevFailed {
        idleOnly("FrameTime");
        frameTime = v;
    }

    public long getNbImages() {
        return nbImages;
    }

    public void setNbImages(long v) throws DevFailed {
        idleOnly("NbImages");
        nbImages = v;
    }

    public long getNbTriggers() {
        return nbTriggers;
    }

    public void setNbTriggers(long v) throws DevFailed {
        idleOnly("NbTriggers");
        nbTriggers = v;
    }

    public String getTriggerMode() {
        return triggerMode;
    }

    public void setTriggerMode(String v) throws DevFailed {
        idleOnly("TriggerMode");
        if (!MODES.contains(v)) {
            throw DevFailedUtils.newDevFailed("TriggerMode must be one of " + MODES + ", not " + v);
        }
        triggerMode = v;
    }

    public String getFilenamePattern() {
        return filenamePattern;
    }

    public void setFilenamePattern(String v) throws DevFailed {
        idleOnly("FilenamePattern");
        filenamePattern = v;
    }

    public double getPhotonEnergy() {
        return photonEnergy;
    }

    public void setPhotonEnergy(double v) {
        photonEnergy = v;
    }

    public String getCompression() {
        return compression;
    }

    public void setCompression(String v) {
        compression = v;
    }

    public String getHeaderDetail() {
        return headerDetail;
    }

    public void setHeaderDetail(String v) {
        headerDetail = v;
    }

    public String getStreamState() {
        return streamState;
    }

    public void setStreamState(String v) {
        streamState = v;
    }

    @Command(name = "Arm")
    public synchronized void arm() throws DevFailed {
        if (!detectorState.equals("idle")) {
            throw DevFailedUtils.newDevFailed("cannot Arm while the detector is " + detectorState);
        }
        detectorState = "ready";
        status = statusText();
        error = "";
        status = statusText();
        triggersTaken = 0;
        framesTaken = 0;
        stream.header(filenamePattern);
        if (triggerMode.startsWith("ext")) {
            // the trigger generator fires every trigger; frames 20 ms apart beyond FrameTime
            detectorState = "acquire";
            status = statusText();
            state = DeviceState.MOVING;
            long perTrigger = triggerMode.endsWith("e") ? 1 : nbImages;
            stream.frames(0, perTrigger * nbTriggers, frameTime + 0.02, this::frameTaken);
        }
    }

    @Command(name = "Trigger")
    public synchronized void trigger() throws DevFailed {
        if (!detectorState.equals("ready") || !triggerMode.startsWith("int")) {
            throw DevFailedUtils.newDevFailed("cannot Trigger while the detector is " + detectorState);
        }
        fire();
    }

    @Command(name = "Cancel")
    public synchronized void cancel() {
        stream.cancel();
        if (detectorState.equals("acquire")) {
            detectorState = "ready";
            status = statusText();
            state = DeviceState.ON;
        }
    }

    @Command(name = "Disarm")
    public synchronized void disarm() {
        stream.cancel();
        if (!detectorState.equals("idle")) {
            stream.end();
        }
        idle();
    }

    @Command(name = "Abort")
    public synchronized void abort() {
        stream.cancel();
        idle();
    }

    @Command(name = "InjectError")
    public synchronized void injectError(String reason) {
        stream.cancel();
        detectorState = "error";
        status = statusText();
        error = reason;
        status = statusText();
    }

    @Command(name = "Reset")
    public synchronized void reset() {
        stream.cancel();
        countTime = 0.1;
        frameTime = 0.1;
        nbImages = 1;
        nbTriggers = 1;
        triggerMode = "ints";
        filenamePattern = "";
        error = "";
        status = statusText();
        detectorState = "idle";
        status = statusText();
        state = DeviceState.ON;
    }

    private void fire() {
        long perTrigger = triggerMode.endsWith("e") ? 1 : nbImages;
        detectorState = "acquire";
        status = statusText();
        state = DeviceState.MOVING;
        stream.frames(framesTaken, perTrigger, triggerMode.equals("inte") ? countTime : frameTime, this::frameTaken);
        framesTaken += perTrigger;
        triggersTaken++;
    }

    private synchronized void frameTaken(long frames) {
        if (!detectorState.equals("acquire")) {
            return;
        }
        long perTrigger = triggerMode.endsWith("e") ? 1 : nbImages;
        if (frames >= perTrigger * nbTriggers) {
            stream.end();
            stream.then(this::idle);
        } else if (triggerMode.startsWith("int") && frames % perTrigger == 0) {
            detectorState = "ready";
            status = statusText();
            state = DeviceState.ON;
        }
    }

    private synchronized void idle() {
        if (!detectorState.equals("error")) {
            detectorState = "idle";
            status = statusText();
        }
        state = DeviceState.ON;
    }

    private void idleOnly(String what) throws DevFailed {
        refuseChangeWhile(!detectorState.equals("idle"), what, "the detector is " + detectorState);
    }
}
