package org.hutch.detector.tango;

import fr.esrf.Tango.DevFailed;
import java.util.List;
import org.tango.server.annotation.Attribute;
import org.tango.server.annotation.AttributeProperties;
import org.tango.server.annotation.Command;
import org.tango.server.annotation.Device;
import org.tango.utils.DevFailedUtils;

/**
 * A test device that behaves as ESRF LImA's LimaCCDs: acq_nb_frames (DevLong, frames of the whole acquisition),
 * acq_expo_time, latency_time, acq_trigger_mode (INTERNAL_TRIGGER, INTERNAL_TRIGGER_MULTI, EXTERNAL_TRIGGER,
 * EXTERNAL_TRIGGER_MULTI, EXTERNAL_GATE, EXTERNAL_START_STOP), acq_status (Ready, Running, Fault),
 * acq_status_fault_error, last_image_acquired (-1 before the first frame), saving_directory, saving_prefix;
 * commands prepareAcq, startAcq (refused without a prepare), stopAcq, abortAcq, reset. Tango State is always ON.
 *
 * <p>INTERNAL_TRIGGER: startAcq takes every frame. INTERNAL_TRIGGER_MULTI: each startAcq takes one frame (Running
 * meanwhile, Ready between). EXTERNAL_TRIGGER: after startAcq the simulated trigger generator starts every frame.
 * The stream's header goes out at prepareAcq, its end after the last frame or at stopAcq. Test control:
 * InjectFault(reason) makes acq_status Fault with the reason as acq_status_fault_error.
 */
@Device
public class LimaTestDevice extends StreamingTestDevice {
    private static final List<String> MODES = List.of("INTERNAL_TRIGGER", "INTERNAL_TRIGGER_MULTI", "EXTERNAL_TRIGGER",
            "EXTERNAL_TRIGGER_MULTI", "EXTERNAL_GATE", "EXTERNAL_START_STOP");
    private boolean prepared;
    private int started;

    @Attribute(name = "acq_nb_frames")
    @AttributeProperties(minValue = "0")
    private volatile int acqNbFrames = 1;

    @Attribute(name = "acq_expo_time")
    @AttributeProperties(minValue = "0.000001")
    private volatile double acqExpoTime = 1.0;

    @Attribute(name = "latency_time")
    @AttributeProperties(minValue = "0")
    private volatile double latencyTime = 0;

    @Attribute(name = "acq_trigger_mode")
    private volatile String acqTriggerMode = "INTERNAL_TRIGGER";

    @Attribute(name = "acq_status")
    private volatile String acqStatus = "Ready";

    @Attribute(name = "acq_status_fault_error")
    private volatile String acqStatusFaultError = "No error";

    @Attribute(name = "last_image_acquired")
    private volatile int lastImageAcquired = -1;

    @Attribute(name = "saving_directory")
    private volatile String savingDirectory = "";

    @Attribute(name = "saving_prefix")
    private volatile String savingPrefix = "";

    public int getAcqNbFrames() {
        return acqNbFrames;
    }

    public void setAcqNbFrames(int v) throws DevFailed {
        notRunning("acq_nb_frames");
        acqNbFrames = v;
    }

    public double getAcqExpoTime() {
        return acqExpoTime;
    }

    public void setAcqExpoTime(double v) throws DevFailed {
        notRunning("acq_expo_time");
        acqExpoTime = v;
    }

    public double getLatencyTime() {
        return latencyTime;
    }

    public void setLatencyTime(double v) throws DevFailed {
        notRunning("latency_time");
        latencyTime = v;
    }

    public String getAcqTriggerMode() {
        return acqTriggerMode;
    }

    public void setAcqTriggerMode(String v) throws DevFailed {
        notRunning("acq_trigger_mode");
        if (!MODES.contains(v)) {
            throw DevFailedUtils.newDevFailed("acq_trigger_mode: " + v + " is not one of " + MODES);
        }
        acqTriggerMode = v;
    }

    public String getAcqStatus() {
        return acqStatus;
    }

    public void setAcqStatus(String v) {
        acqStatus = v;
    }

    public String getAcqStatusFaultError() {
        return acqStatusFaultError;
    }

    public void setAcqStatusFaultError(String v) {
        acqStatusFaultError = v;
    }

    public int getLastImageAcquired() {
        return lastImageAcquired;
    }

    public void setLastImageAcquired(int v) {
        lastImageAcquired = v;
    }

    public String getSavingDirectory() {
        return savingDirectory;
    }

    public void setSavingDirectory(String v) {
        savingDirectory = v;
    }

    public String getSavingPrefix() {
        return savingPrefix;
    }

    public void setSavingPrefix(String v) throws DevFailed {
        notRunning("saving_prefix");
        savingPrefix = v;
    }

    @Command(name = "prepareAcq")
    public synchronized void prepareAcq() throws DevFailed {
        notRunning("the acquisition (prepareAcq)");
        if (acqStatus.equals("Fault")) {
            throw DevFailedUtils.newDevFailed("prepareAcq refused in Fault: " + acqStatusFaultError + "; reset first");
        }
        prepared = true;
        started = 0;
        lastImageAcquired = -1;
        stream.header(savingPrefix);
    }

    @Command(name = "startAcq")
    public synchronized void startAcq() throws DevFailed {
        if (!prepared) {
            throw DevFailedUtils.newDevFailed("startAcq: the acquisition is not prepared (run prepareAcq first)");
        }
        notRunning("startAcq");
        acqStatus = "Running";
        switch (acqTriggerMode) {
            case "INTERNAL_TRIGGER_MULTI" -> stream.frames(started++, 1, acqExpoTime, this::frameTaken);
            case "INTERNAL_TRIGGER" -> stream.frames(0, acqNbFrames, acqExpoTime + latencyTime, this::frameTaken);
            default -> stream.frames(0, acqNbFrames, acqExpoTime + latencyTime + 0.02, this::frameTaken);
        }
    }

    @Command(name = "stopAcq")
    public synchronized void stopAcq() {
        stream.cancel();
        if (prepared) {
            stream.end();
        }
        prepared = false;
        if (!acqStatus.equals("Fault")) {
            acqStatus = "Ready";
        }
    }

    @Command(name = "abortAcq")
    public synchronized void abortAcq() {
        stream.cancel();
        prepared = false;
        if (!acqStatus.equals("Fault")) {
            acqStatus = "Ready";
        }
    }

    @Command(name = "reset")
    public synchronized void reset() {
        stream.cancel();
        prepared = false;
        acqStatus = "Ready";
        acqStatusFaultError = "No error";
        acqNbFrames = 1;
        acqExpoTime = 1.0;
        latencyTime = 0;
        acqTriggerMode = "INTERNAL_TRIGGER";
        savingPrefix = "";
        lastImageAcquired = -1;
    }

    @Command(name = "InjectFault")
    public synchronized void injectFault(String reason) {
        stream.cancel();
        prepared = false;
        acqStatus = "Fault";
        acqStatusFaultError = reason;
    }

    private synchronized void frameTaken(long frames) {
        if (!acqStatus.equals("Running")) {
            return;
        }
        lastImageAcquired = (int) frames - 1;
        if (frames >= acqNbFrames) {
            prepared = false;
            stream.end();
            stream.then(this::ready);
        } else if (acqTriggerMode.equals("INTERNAL_TRIGGER_MULTI")) {
            acqStatus = "Ready";
        }
    }

    private synchronized void ready() {
        if (acqStatus.equals("Running")) {
            acqStatus = "Ready";
        }
    }

    private void notRunning(String what) throws DevFailed {
        refuseChangeWhile(acqStatus.equals("Running"), what, "acq_status is Running");
    }
}
