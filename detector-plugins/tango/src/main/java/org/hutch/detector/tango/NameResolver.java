package org.hutch.detector.tango;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hutch.detector.DetectorException;

/** Matches the configured candidate names of each {@link Role} against the device's attribute and command lists. */
final class NameResolver {

    /**
     * What a device offers.
     *
     * @param names      the role's name as the device spells it, for roles the device has
     * @param attributes all attribute names of the device
     * @param commands   all command names of the device
     */
    record DeviceInterface(Map<Role, String> names, List<String> attributes, List<String> commands) {
    }

    private NameResolver() {
    }

    /**
     * <b>Blocking</b> (reads the attribute and command lists).
     *
     * @throws DetectorException naming a required attribute or command the device lacks, and listing what it has
     */
    static DeviceInterface resolve(TangoChannel channel, Map<Role, List<String>> candidates) throws DetectorException {
        List<String> attributes = channel.attributes();
        List<String> commands = channel.commands();
        Map<Role, String> names = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            List<String> existing = role.kind() == Role.Kind.COMMAND ? commands : attributes;
            List<String> wanted = candidates.getOrDefault(role, List.of());
            String found = wanted.stream().map(w -> find(existing, w)).filter(n -> n != null).findFirst().orElse(null);
            if (found != null) {
                names.put(role, found);
            } else if (role.required()) {
                throw new DetectorException("Tango device " + channel.device() + " has no "
                        + role.kind().name().toLowerCase(Locale.ROOT) + " " + String.join(" or ", wanted)
                        + " (the " + role.label() + ", option " + role.optionKey() + "); its "
                        + role.kind().name().toLowerCase(Locale.ROOT) + "s: " + String.join(", ", existing));
            }
        }
        return new DeviceInterface(names, List.copyOf(attributes), List.copyOf(commands));
    }

    /** Tango names are case-insensitive; returns the device's own spelling. */
    private static String find(List<String> existing, String wanted) {
        return existing.stream().filter(e -> e.equalsIgnoreCase(wanted)).findFirst().orElse(null);
    }
}
