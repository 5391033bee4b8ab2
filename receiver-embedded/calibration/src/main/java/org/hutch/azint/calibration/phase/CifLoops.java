package org.hutch.azint.calibration.phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code loop_} tables of a CIF's first data block: each as its tags (lower case) and rows of values
 * (quotes removed; a multi-line {@code ;} text field counts as one value).
 */
final class CifLoops {
    private static final Pattern TOKEN = Pattern.compile("'([^']*)'(?=\\s|$)|\"([^\"]*)\"(?=\\s|$)|(\\S+)");

    /** One table: {@code rows.get(i).get(j)} is the value of tag j in row i. */
    record Loop(List<String> tags, List<List<String>> rows) {
        /** The column of the first of {@code tags} the loop has. */
        Optional<Integer> column(String... names) {
            for (String n : names) {
                int i = tags.indexOf(n);
                if (i >= 0) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }
    }

    private CifLoops() {
    }

    static List<Loop> read(String text) {
        List<Loop> loops = new ArrayList<>();
        List<String> tags = null;
        List<String> values = null;
        boolean inBlock = false;
        boolean inTextField = false;
        for (String raw : text.split("\\R")) {
            if (inTextField) {
                if (raw.startsWith(";")) {
                    inTextField = false;
                }
                continue;
            }
            String line = raw.strip();
            String lower = line.toLowerCase(Locale.ROOT);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (lower.startsWith("data_")) {
                if (inBlock) {
                    break; // the first structure only
                }
                inBlock = true;
                continue;
            }
            if (raw.startsWith(";")) {
                inTextField = true;
                if (values != null) {
                    values.add("?");
                }
                continue;
            }
            if (lower.startsWith("loop_")) {
                close(loops, tags, values);
                tags = new ArrayList<>();
                values = new ArrayList<>();
                continue;
            }
            if (line.startsWith("_")) {
                if (tags != null && values.isEmpty()) {
                    tags.add(lower.split("\\s+")[0]);
                    continue;
                }
                close(loops, tags, values); // a tag after the values ends the loop
                tags = null;
                values = null;
                continue;
            }
            if (tags != null) {
                Matcher m = TOKEN.matcher(line);
                while (m.find()) {
                    values.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
                }
            }
        }
        close(loops, tags, values);
        return loops;
    }

    private static void close(List<Loop> loops, List<String> tags, List<String> values) {
        if (tags == null || tags.isEmpty() || values.isEmpty() || values.size() % tags.size() != 0) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i += tags.size()) {
            rows.add(List.copyOf(values.subList(i, i + tags.size())));
        }
        loops.add(new Loop(List.copyOf(tags), rows));
    }
}
