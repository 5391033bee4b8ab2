package org.hutch.detector.tango;

import fr.esrf.Tango.AttrWriteType;
import fr.esrf.Tango.DevError;
import fr.esrf.Tango.DevFailed;
import fr.esrf.Tango.DevSource;
import fr.esrf.Tango.DevState;
import fr.esrf.TangoApi.AttributeInfoEx;
import fr.esrf.TangoApi.CommandInfo;
import fr.esrf.TangoApi.DeviceAttribute;
import fr.esrf.TangoApi.DeviceProxy;
import fr.esrf.TangoDs.TangoConst;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.hutch.detector.DetectorException;
import org.hutch.model.concurrent.NamedThreadFactory;

/**
 * One client connection to a Tango device, with every failure turned into a {@link DetectorException} whose
 * message names the device, what was attempted and the device's own reason. <b>Every method except
 * {@link #device()} is blocking</b> (a CORBA call of up to the client timeout): never call it on the FX thread.
 * Reads come from the device, not from the polling cache ({@link DevSource#DEV}), so a value reads back at
 * once after it was written. Reads (and the poll's State and Status) go through a second proxy without JTango's
 * round-trip timeout policy ({@link UntimedDeviceProxy}, a third of the time per read), bounded by
 * {@link BoundedReads}; writes, commands and the attribute and command lists keep the timed proxy.
 */
final class TangoChannel {
    /**
     * JacORB's ORB-wide bound on any reply, so a read of a hung device frees its reader thread eventually: twice
     * the largest timeout option (600 s), so it never cuts a call the device's own timeout allows.
     */
    static final String PENDING_REPLY_TIMEOUT = "jacorb.connection.client.pending_reply_timeout";

    static {
        if (System.getProperty(PENDING_REPLY_TIMEOUT) == null) {
            System.setProperty(PENDING_REPLY_TIMEOUT, "1200000");
        }
    }

    private final String device;
    private final DeviceProxy proxy;
    private final DeviceProxy reads;
    private final BoundedReads bounded;
    private final int timeoutMs;
    private final Map<String, Limits> limits = new ConcurrentHashMap<>();

    /**
     * What a device accepts for one attribute, from its AttributeInfo (read once).
     *
     * @param type      the Tango data type
     * @param writable  false for a read-only attribute
     * @param min       the configured minimum, or null where none is set
     * @param max       the configured maximum, or null where none is set
     * @param enumLabels the labels of a DevEnum attribute (empty otherwise)
     */
    record Limits(int type, boolean writable, Double min, Double max, List<String> enumLabels) {
    }

    private TangoChannel(String device, DeviceProxy proxy, DeviceProxy untimed, int timeoutMs) {
        this.device = device;
        this.proxy = proxy;
        this.reads = untimed != null ? untimed : proxy;
        this.bounded = untimed != null ? new BoundedReads(device, timeoutMs) : null;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Connects and pings the device. The whole attempt is bounded by {@code timeoutMs} (plus a margin), even
     * where the ORB's own connect would wait longer.
     *
     * @throws DetectorException "cannot reach Tango device X: ..."
     */
    static TangoChannel connect(String device, int timeoutMs) throws DetectorException {
        long waitMs = timeoutMs + TangoPreferences.load().connectGrace().toMillis();
        FutureTask<TangoChannel> attempt = new FutureTask<>(() -> {
            DeviceProxy proxy = new DeviceProxy(device);
            proxy.set_timeout_millis(timeoutMs);
            proxy.set_source(DevSource.DEV);
            proxy.ping();
            DeviceProxy untimed = UntimedDeviceProxy.open(device);
            if (untimed != null) {
                untimed.set_source(DevSource.DEV);
            }
            return new TangoChannel(device, proxy, untimed, timeoutMs);
        });
        NamedThreadFactory.start("tango-connect " + device, attempt);
        try {
            return attempt.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            throw new DetectorException("cannot reach Tango device " + device + ": no answer within "
                    + waitMs / 1000.0 + " s; check the name, host and port, and that the device server runs");
        } catch (ExecutionException e) {
            throw new DetectorException("cannot reach Tango device " + device + ": " + describe(e.getCause())
                    + "; check the name, host and port, and that the device server runs", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectorException("interrupted while connecting to Tango device " + device, e);
        }
    }

    String device() {
        return device;
    }

    /** The device's attribute names, as the device spells them. */
    List<String> attributes() throws DetectorException {
        try {
            return Arrays.asList(proxy.get_attribute_list());
        } catch (DevFailed e) {
            throw fail("listing the attributes", e);
        }
    }

    /** The device's command names, as the device spells them. */
    List<String> commands() throws DetectorException {
        try {
            List<String> names = new ArrayList<>();
            for (CommandInfo c : proxy.command_list_query()) {
                names.add(c.cmd_name);
            }
            return names;
        } catch (DevFailed e) {
            throw fail("listing the commands", e);
        }
    }

    /**
     * Checks a value against what the device declares for the attribute (writable, type, min / max, enum labels)
     * without writing it, so a caller can check every value before the first write.
     *
     * @throws DetectorException naming the attribute, the value and the limit
     */
    void check(String attribute, Object value) throws DetectorException {
        Limits l;
        try {
            l = limits(attribute);
        } catch (DevFailed e) {
            throw fail("reading the properties of " + attribute, e);
        }
        String prefix = "Tango device " + device + " does not accept " + attribute + " = " + value + ": ";
        if (!l.writable()) {
            throw new DetectorException(prefix + "the attribute is read-only");
        }
        if (l.type() == TangoConst.Tango_DEV_ENUM) {
            if (!l.enumLabels().contains(String.valueOf(value))) {
                throw new DetectorException(prefix + "it is none of " + String.join(", ", l.enumLabels()));
            }
            return;
        }
        if (l.type() == TangoConst.Tango_DEV_STRING) {
            return;
        }
        if (!(value instanceof Number n)) {
            throw new DetectorException(prefix + "the attribute is numeric");
        }
        double v = n.doubleValue();
        if (l.min() != null && v < l.min()) {
            throw new DetectorException(prefix + "below its minimum " + format(l.min()));
        }
        if (l.max() != null && v > l.max()) {
            throw new DetectorException(prefix + "above its maximum " + format(l.max()));
        }
    }

    /** Writes a number or text, converted to the attribute's Tango type (read from the device once). */
    void write(String attribute, Object value) throws DetectorException {
        try {
            DeviceAttribute da = new DeviceAttribute(attribute);
            Limits l = limits(attribute);
            if (l.type() == TangoConst.Tango_DEV_ENUM && !(value instanceof Number)) {
                int index = l.enumLabels().indexOf(String.valueOf(value));
                if (index < 0) {
                    throw new IllegalArgumentException(attribute + " = " + value + " is none of " + l.enumLabels());
                }
                da.insert((short) index);
            } else {
                insert(da, l.type(), attribute, value);
            }
            proxy.write_attribute(da);
        } catch (DevFailed e) {
            throw fail("writing " + attribute + " = " + value, e);
        } catch (IllegalArgumentException e) {
            throw new DetectorException("Tango device " + device + ": " + e.getMessage(), e);
        }
    }

    /** Reads a scalar attribute as text (numbers in Java notation). */
    String read(String attribute) throws DetectorException {
        try {
            DeviceAttribute da = bounded("reading " + attribute, () -> reads.read_attribute(attribute));
            return text(attribute, da);
        } catch (DevFailed e) {
            throw fail("reading " + attribute, e);
        }
    }

    private String text(String attribute, DeviceAttribute da) throws DevFailed, DetectorException {
        switch (da.getType()) {
            case TangoConst.Tango_DEV_DOUBLE: return Double.toString(da.extractDouble());
            case TangoConst.Tango_DEV_FLOAT: return Float.toString(da.extractFloat());
            case TangoConst.Tango_DEV_LONG: return Integer.toString(da.extractLong());
            case TangoConst.Tango_DEV_LONG64: return Long.toString(da.extractLong64());
            case TangoConst.Tango_DEV_ULONG: return Long.toString(da.extractULong());
            case TangoConst.Tango_DEV_ULONG64: return Long.toString(da.extractULong64());
            case TangoConst.Tango_DEV_SHORT: return Short.toString(da.extractShort());
            case TangoConst.Tango_DEV_ENUM: return enumLabel(attribute, da.extractShort());
            case TangoConst.Tango_DEV_USHORT: return Integer.toString(da.extractUShort());
            case TangoConst.Tango_DEV_BOOLEAN: return Boolean.toString(da.extractBoolean());
            case TangoConst.Tango_DEV_STRING: return da.extractString();
            case TangoConst.Tango_DEV_STATE: return da.extractDevState().toString();
            default:
                throw new DetectorException("Tango device " + device + ": attribute " + attribute
                        + " has a type this plugin does not read (" + TangoConst.Tango_CmdArgTypeName[da.getType()] + ")");
        }
    }

    /**
     * Reads several attributes in one call (one round trip instead of one per attribute), each as text as
     * {@link #read} gives it; State and Status may be among them.
     */
    List<String> readAll(String... attributes) throws DetectorException {
        try {
            DeviceAttribute[] values = bounded("reading " + String.join(", ", attributes),
                    () -> reads.read_attribute(attributes));
            List<String> out = new ArrayList<>(values.length);
            for (int i = 0; i < values.length; i++) {
                out.add(text(attributes[i], values[i]));
            }
            return out;
        } catch (DevFailed e) {
            throw fail("reading " + String.join(", ", attributes), e);
        }
    }

    void command(String name) throws DetectorException {
        try {
            proxy.command_inout(name);
        } catch (DevFailed e) {
            throw fail("command " + name, e);
        }
    }

    DevState state() throws DetectorException {
        try {
            return bounded("reading State", reads::state);
        } catch (DevFailed e) {
            throw fail("reading State", e);
        }
    }

    String status() throws DetectorException {
        try {
            return bounded("reading Status", reads::status);
        } catch (DevFailed e) {
            throw fail("reading Status", e);
        }
    }

    /**
     * A read through the untimed proxy, under the device's timeout; through the timed proxy directly where the
     * device has no untimed one (IDL 4 and older).
     */
    private <T> T bounded(String action, BoundedReads.Read<T> read) throws DevFailed, DetectorException {
        if (bounded == null) {
            try {
                return read.call();
            } catch (DevFailed | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new DetectorException("Tango device " + device + ": " + action + " failed: " + describe(e), e);
            }
        }
        try {
            return bounded.run(read);
        } catch (TimeoutException e) {
            throw new DetectorException("Tango device " + device + " is not answering: " + action + ": "
                    + e.getMessage(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DevFailed df) {
                throw df;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new DetectorException("Tango device " + device + ": " + action + " failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectorException("interrupted while " + action + " of Tango device " + device, e);
        }
    }

    private String enumLabel(String attribute, short index) throws DevFailed {
        List<String> labels = limits(attribute).enumLabels();
        return index >= 0 && index < labels.size() ? labels.get(index) : Short.toString(index);
    }

    private Limits limits(String attribute) throws DevFailed {
        Limits known = limits.get(attribute);
        if (known != null) {
            return known;
        }
        AttributeInfoEx info = proxy.get_attribute_info_ex(attribute);
        Limits l = new Limits(info.data_type, info.writable != AttrWriteType.READ
                && info.writable != AttrWriteType.READ_WITH_WRITE, number(info.min_value), number(info.max_value),
                info.enum_label == null ? List.of() : List.of(info.enum_label));
        limits.put(attribute, l);
        return l;
    }

    /** A min / max property: Tango says "Not specified" (or leaves it empty) where none is set. */
    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException notSpecified) {
            return null;
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private void insert(DeviceAttribute da, int type, String attribute, Object value) throws DevFailed {
        if (type == TangoConst.Tango_DEV_STRING) {
            da.insert(String.valueOf(value));
            return;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(attribute + " is numeric on the device; cannot write '" + value + "'");
        }
        switch (type) {
            case TangoConst.Tango_DEV_DOUBLE: da.insert(n.doubleValue()); break;
            case TangoConst.Tango_DEV_FLOAT: da.insert(n.floatValue()); break;
            case TangoConst.Tango_DEV_LONG: da.insert(n.intValue()); break;
            case TangoConst.Tango_DEV_LONG64: da.insert(n.longValue()); break;
            case TangoConst.Tango_DEV_ULONG: da.insert_ul(n.longValue()); break;
            case TangoConst.Tango_DEV_ULONG64: da.insert_u64(n.longValue()); break;
            case TangoConst.Tango_DEV_SHORT: case TangoConst.Tango_DEV_ENUM: da.insert(n.shortValue()); break;
            case TangoConst.Tango_DEV_USHORT: da.insert_us(n.intValue()); break;
            default:
                throw new IllegalArgumentException(attribute + " has a Tango type this plugin does not write ("
                        + TangoConst.Tango_CmdArgTypeName[type] + ")");
        }
    }

    /**
     * Wraps a Tango error: "Tango device X refused writing ExposureTime = -1: &lt;the device's reason&gt;", or for a
     * timeout "Tango device X did not answer within 3.0 s (option timeout) to writing ...".
     */
    DetectorException fail(String action, DevFailed e) {
        boolean timedOut = Arrays.stream(e.errors).anyMatch(err -> String.valueOf(err.reason).contains("TimedOut")
                || String.valueOf(err.desc).contains("timed out"));
        if (timedOut) {
            return new DetectorException("Tango device " + device + " did not answer within " + timeoutMs / 1000.0
                    + " s (option timeout) to " + action + ": " + describe(e), e);
        }
        if (action.startsWith("writing") || action.startsWith("command")) {
            return new DetectorException("Tango device " + device + " refused " + action + ": " + describe(e), e);
        }
        return new DetectorException("Tango device " + device + ": " + action + " failed: " + describe(e), e);
    }

    /** The most specific description of a Tango error chain (the first, device-side, desc), or the message. */
    static String describe(Throwable t) {
        if (t instanceof DevFailed df && df.errors != null && df.errors.length > 0) {
            String descs = Arrays.stream(df.errors).map(TangoChannel::text).filter(s -> !s.isEmpty())
                    .distinct().collect(Collectors.joining("; "));
            return descs.isEmpty() ? df.errors[0].reason : descs;
        }
        return Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName());
    }

    private static String text(DevError e) {
        return e.desc == null ? "" : e.desc.trim();
    }
}
