package org.hutch.detector;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Describes one plugin option (passed as a string in {@link DetectorPlugin#open}), so an application can
 * draw a form and check input before opening.
 *
 * @param key           option key, for example {@code bind}
 * @param label         label for a form, for example {@code "Stream endpoint"}
 * @param type          value type
 * @param unit          unit shown beside the field ({@code ""} if none), for example {@code "s"}
 * @param min           smallest allowed value for DOUBLE / INT, or {@code null}
 * @param max           largest allowed value for DOUBLE / INT, or {@code null}
 * @param allowedValues the choices for ENUM (empty otherwise)
 * @param defaultValue  the value used when the option is not given ({@code null} = required)
 * @param description   one sentence of help
 */
public record SettingSpec(String key, String label, SettingType type, String unit, Double min, Double max,
                          List<String> allowedValues, String defaultValue, String description) {
    public SettingSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        label = label == null ? key : label;
        unit = unit == null ? "" : unit;
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        description = description == null ? "" : description;
        if (type == SettingType.ENUM && allowedValues.isEmpty()) {
            throw new IllegalArgumentException("setting " + key + ": an ENUM needs allowed values");
        }
    }

    public static SettingSpec ofDouble(String key, String label, String unit, Double min, Double max,
                                       double defaultValue, String description) {
        return new SettingSpec(key, label, SettingType.DOUBLE, unit, min, max, List.of(),
                Double.toString(defaultValue), description);
    }

    public static SettingSpec ofInt(String key, String label, String unit, Integer min, Integer max,
                                    int defaultValue, String description) {
        return new SettingSpec(key, label, SettingType.INT, unit, min == null ? null : min.doubleValue(),
                max == null ? null : max.doubleValue(), List.of(), Integer.toString(defaultValue), description);
    }

    public static SettingSpec ofString(String key, String label, String defaultValue, String description) {
        return new SettingSpec(key, label, SettingType.STRING, "", null, null, List.of(), defaultValue, description);
    }

    public static SettingSpec ofEnum(String key, String label, List<String> allowedValues, String defaultValue,
                                     String description) {
        return new SettingSpec(key, label, SettingType.ENUM, "", null, null, allowedValues, defaultValue, description);
    }

    public static SettingSpec ofBool(String key, String label, boolean defaultValue, String description) {
        return new SettingSpec(key, label, SettingType.BOOL, "", null, null, List.of(),
                Boolean.toString(defaultValue), description);
    }

    /**
     * Checks a value given as text.
     *
     * @return the value, normalised (trimmed; ENUM and BOOL lower-case)
     * @throws DetectorException naming the setting, the bad value and what is allowed
     */
    public String validate(String value) throws DetectorException {
        if (value == null) {
            throw new DetectorOptionException("setting '" + key + "' (" + label + ") is required");
        }
        String v = value.trim();
        switch (type) {
            case DOUBLE: {
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new DetectorOptionException("setting '" + key + "' must be a number, not '" + value + "'");
                }
                if (Double.isNaN(d) || (min != null && d < min) || (max != null && d > max)) {
                    throw new DetectorOptionException("setting '" + key + "' = " + v + " is out of range" + range());
                }
                return v;
            }
            case INT: {
                long l;
                try {
                    l = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new DetectorOptionException("setting '" + key + "' must be a whole number, not '" + value + "'");
                }
                if ((min != null && l < min) || (max != null && l > max) || l != (int) l) {
                    throw new DetectorOptionException("setting '" + key + "' = " + v + " is out of range" + range());
                }
                return v;
            }
            case ENUM: {
                String n = v.toLowerCase(Locale.ROOT);
                for (String allowed : allowedValues) {
                    if (allowed.toLowerCase(Locale.ROOT).equals(n)) {
                        return allowed;
                    }
                }
                throw new DetectorOptionException("setting '" + key + "' = '" + value + "' is not one of " + allowedValues);
            }
            case BOOL: {
                String n = v.toLowerCase(Locale.ROOT);
                if (n.equals("true") || n.equals("yes") || n.equals("1") || n.equals("on")) {
                    return "true";
                }
                if (n.equals("false") || n.equals("no") || n.equals("0") || n.equals("off")) {
                    return "false";
                }
                throw new DetectorOptionException("setting '" + key + "' must be true or false, not '" + value + "'");
            }
            default:
                return v;
        }
    }

    private String range() {
        if (min != null && max != null) {
            return " (allowed " + fmt(min) + " .. " + fmt(max) + (unit.isEmpty() ? "" : " " + unit) + ")";
        }
        if (min != null) {
            return " (at least " + fmt(min) + (unit.isEmpty() ? "" : " " + unit) + ")";
        }
        if (max != null) {
            return " (at most " + fmt(max) + (unit.isEmpty() ? "" : " " + unit) + ")";
        }
        return "";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
