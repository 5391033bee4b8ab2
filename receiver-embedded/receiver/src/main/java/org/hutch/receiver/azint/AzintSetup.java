package org.hutch.receiver.azint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hutch.azint.IntegrationSettings;
import org.hutch.azint.Normalization;
import org.hutch.azint.Poni;
import org.hutch.azint.Splitting;
import org.hutch.model.curve.RadialUnit;

/**
 * What the receiver integrates: a PONI geometry and the integration settings. Read from the JSON of
 * {@code PUT /api/v1/azint/config}: either {@code poni} (the text of a pyFAI PONI file) or the PONI
 * values ({@code detector}, {@code pixel1}, {@code pixel2}, {@code shape}, {@code dist}, {@code poni1},
 * {@code poni2}, {@code rot1..3}, {@code wavelength}; metres and radians as in pyFAI), and optionally
 * {@code bins}, {@code unit} (q_nm^-1, q_A^-1, 2th_deg), {@code splitting} (full, none, N),
 * {@code solid_angle}, {@code normalization} (ratio, mean), {@code polarization} (-1..1 or null),
 * {@code range} ([lo, hi] or null), {@code errors}. Missing keys keep their current (or default) value.
 */
public record AzintSetup(Poni poni, IntegrationSettings settings) {
    public static final int DEFAULT_BINS = 1000;

    /** 1D, q in nm^-1, full splitting, solid angle, Poisson errors: the settings the app expects. */
    public static AzintSetup of(Poni poni) {
        return new AzintSetup(poni, IntegrationSettings.defaults(DEFAULT_BINS));
    }

    /**
     * @param current the setup to change, or null
     * @throws IllegalArgumentException naming the key and what is wrong with it
     */
    public static AzintSetup fromJson(JsonNode j, AzintSetup current) {
        if (j == null || !j.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        Poni poni = current == null ? null : current.poni();
        try {
            if (j.hasNonNull("poni")) {
                poni = Poni.parse(j.get("poni").asText());
            } else if (j.has("dist") || j.has("pixel1")) {
                poni = poniFromValues(j);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad PONI: " + e.getMessage());
        }
        if (poni == null) {
            throw new IllegalArgumentException("no geometry: give 'poni' (the PONI file text) or the PONI values "
                    + "(pixel1, pixel2, dist, poni1, poni2, rot1, rot2, rot3, wavelength)");
        }
        IntegrationSettings s = current == null ? IntegrationSettings.defaults(DEFAULT_BINS) : current.settings();
        try {
            if (j.has("bins")) {
                s = s.withBins(intValue(j, "bins"), s.azimuthBins());
            }
            if (j.has("unit")) {
                s = s.withUnit(RadialUnit.fromName(j.get("unit").asText()));
            }
            if (j.has("splitting")) {
                s = s.withSplitting(Splitting.parse(j.get("splitting").asText()));
            }
            if (j.has("solid_angle")) {
                s = s.withSolidAngle(bool(j, "solid_angle"));
            }
            if (j.has("normalization")) {
                s = s.withNormalization(Normalization.parse(j.get("normalization").asText()));
            }
            if (j.has("polarization")) {
                s = s.withPolarization(j.get("polarization").isNull() ? Double.NaN : number(j, "polarization"));
            }
            if (j.has("errors")) {
                s = s.withErrors(bool(j, "errors"));
            }
            if (j.has("range")) {
                JsonNode r = j.get("range");
                if (r.isNull()) {
                    s = s.withRange(Double.NaN, Double.NaN);
                } else if (r.isArray() && r.size() == 2 && r.get(0).isNumber() && r.get(1).isNumber()) {
                    s = s.withRange(r.get(0).asDouble(), r.get(1).asDouble());
                } else {
                    throw new IllegalArgumentException("'range' must be [lo, hi] or null");
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (s.unit() != RadialUnit.TTH_DEG && !(poni.wavelength() > 0)) {
            throw new IllegalArgumentException("unit " + s.unit().pyfaiName() + " needs the wavelength, which the PONI lacks");
        }
        return new AzintSetup(poni, s);
    }

    private static Poni poniFromValues(JsonNode j) {
        int rows = 0;
        int cols = 0;
        if (j.has("shape")) {
            JsonNode sh = j.get("shape");
            if (!sh.isArray() || sh.size() != 2) {
                throw new IllegalArgumentException("'shape' must be [rows, cols]");
            }
            rows = sh.get(0).asInt();
            cols = sh.get(1).asInt();
        }
        return new Poni(j.path("detector").asText(Poni.GENERIC), number(j, "pixel1"), number(j, "pixel2"), rows, cols,
                number(j, "dist"), number(j, "poni1"), number(j, "poni2"), optional(j, "rot1"), optional(j, "rot2"),
                optional(j, "rot3"), j.has("wavelength") ? number(j, "wavelength") : Double.NaN);
    }

    private static double number(JsonNode j, String key) {
        JsonNode v = j.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number");
        }
        return v.asDouble();
    }

    private static double optional(JsonNode j, String key) {
        return j.has(key) ? number(j, key) : 0.0;
    }

    private static int intValue(JsonNode j, String key) {
        JsonNode v = j.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be an integer");
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode j, String key) {
        JsonNode v = j.get(key);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' must be true or false");
        }
        return v.asBoolean();
    }

    /** As {@code GET /api/v1/azint/config} shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("detector", poni.detector());
        p.put("pixel1", poni.pixel1());
        p.put("pixel2", poni.pixel2());
        p.put("shape", poni.hasShape() ? List.of(poni.rows(), poni.cols()) : null);
        p.put("dist", poni.dist());
        p.put("poni1", poni.poni1());
        p.put("poni2", poni.poni2());
        p.put("rot1", poni.rot1());
        p.put("rot2", poni.rot2());
        p.put("rot3", poni.rot3());
        p.put("wavelength", Double.isNaN(poni.wavelength()) ? null : poni.wavelength());
        m.put("poni", p);
        m.put("bins", settings.radialBins());
        m.put("unit", settings.unit().pyfaiName());
        m.put("splitting", settings.splitting().isFull() ? "full" : settings.splitting().isNone() ? "none"
                : Integer.toString(settings.splitting().n()));
        m.put("range", settings.autoRange() ? null : List.of(settings.radialMin(), settings.radialMax()));
        Map<String, Object> corr = new LinkedHashMap<>();
        corr.put("solid_angle", settings.solidAngle());
        corr.put("polarization", Double.isNaN(settings.polarizationFactor()) ? null : settings.polarizationFactor());
        corr.put("normalization", settings.normalization().name().toLowerCase(Locale.ROOT));
        corr.put("errors", settings.errors());
        m.put("corrections", corr);
        return m;
    }
}
