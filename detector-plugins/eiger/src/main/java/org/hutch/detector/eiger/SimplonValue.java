package org.hutch.detector.eiger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hutch.detector.DetectorException;

/**
 * One SIMPLON parameter as a GET returns it: {@code {"value", "value_type", "access_mode", "min", "max",
 * "unit", "allowed_values"}}. Any field but {@code value} may be absent.
 *
 * @param name          parameter name, for messages (for example {@code count_time})
 * @param value         the current value as JSON
 * @param valueType     {@code float}, {@code int}, {@code uint}, {@code string}, {@code bool}, ... ({@code ""} if absent)
 * @param accessMode    {@code r}, {@code w} or {@code rw} ({@code ""} if absent)
 * @param min           lower limit, or {@code null}
 * @param max           upper limit, or {@code null}
 * @param unit          unit, {@code ""} if none
 * @param allowedValues the choices for an enumerated parameter (empty otherwise)
 */
public record SimplonValue(String name, JsonNode value, String valueType, String accessMode, Double min, Double max,
                           String unit, List<String> allowedValues) {

    public SimplonValue {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        unit = unit == null ? "" : unit;
    }

    /** Reads a GET body. */
    static SimplonValue parse(String name, JsonNode body) {
        List<String> allowed = new ArrayList<>();
        JsonNode av = body.path("allowed_values");
        if (av.isArray()) {
            av.forEach(n -> allowed.add(n.asText()));
        }
        return new SimplonValue(name, body.path("value"), body.path("value_type").asText(""),
                body.path("access_mode").asText(""), number(body.get("min")), number(body.get("max")),
                body.path("unit").asText(""), allowed);
    }

    private static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    public String text() {
        return value.asText();
    }

    public double number() {
        return value.asDouble();
    }

    /** True unless the DCU says the parameter is read-only. */
    public boolean writable() {
        return accessMode.isEmpty() || accessMode.contains("w");
    }

    /**
     * Checks a value against what the DCU announced (access mode, min/max, allowed values) before it is sent.
     *
     * @param what the value as the user knows it, for the message (for example {@code "exposure time"})
     * @throws DetectorException naming the value, the parameter and the DCU's limits
     */
    public void check(String what, Object candidate) throws DetectorException {
        if (!writable()) {
            throw new DetectorException(what + ": the detector's parameter " + name + " is read-only (access mode "
                    + accessMode + ")");
        }
        if (candidate instanceof Number) {
            double d = ((Number) candidate).doubleValue();
            if ((min != null && d < min) || (max != null && d > max)) {
                throw new DetectorException(what + " " + fmt(d) + unitSuffix() + " is outside what the detector allows for "
                        + name + ": " + limits());
            }
        }
        if (!allowedValues.isEmpty()) {
            String s = String.valueOf(candidate);
            boolean ok = allowedValues.stream().anyMatch(a -> a.equals(s));
            if (!ok) {
                throw new DetectorException(what + " '" + s + "' is not accepted by the detector for " + name
                        + " (allowed: " + String.join(", ", allowedValues) + ")");
            }
        }
    }

    /** The DCU's limits as text, for example {@code "3e-06 .. 1800 s"}. */
    public String limits() {
        String lo = min == null ? "-inf" : fmt(min);
        String hi = max == null ? "+inf" : fmt(max);
        return lo + " .. " + hi + unitSuffix();
    }

    private String unitSuffix() {
        return unit.isEmpty() ? "" : " " + unit;
    }

    /** JSON-friendly Java value for a PUT of this parameter's type. */
    Object convert(Object candidate) {
        String t = valueType.toLowerCase(Locale.ROOT);
        if (candidate instanceof Number n) {
            if (t.equals("uint") || t.equals("int") || t.equals("integer")) {
                return n.longValue();
            }
            if (t.equals("float") || t.equals("double")) {
                return n.doubleValue();
            }
        }
        return candidate;
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
