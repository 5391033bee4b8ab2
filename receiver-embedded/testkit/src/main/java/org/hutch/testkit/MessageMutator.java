package org.hutch.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates ZeroMQ multipart messages for fuzz tests, reproducibly from a seed: bit flips, byte runs
 * set to extremes, truncated or grown parts, dropped or duplicated parts, and digits in text parts
 * (JSON headers) replaced by large or negative numbers, where most parsers' size checks live.
 */
public final class MessageMutator {
    private static final String[] NUMBERS = {"0", "-1", "4294967296", "2147483647", "2147483648", "1099511627776",
            "9223372036854775807", "-9223372036854775808", "1e308", "65536"};

    private final SplittableRandom rnd;

    public MessageMutator(long seed) {
        rnd = new SplittableRandom(seed);
    }

    /** A mutated copy of {@code parts} (the input is left alone). */
    public List<byte[]> mutate(List<byte[]> parts) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] p : parts) {
            out.add(p.clone());
        }
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n && !out.isEmpty(); k++) {
            int i = rnd.nextInt(out.size());
            byte[] p = out.get(i);
            switch (rnd.nextInt(8)) {
                case 0 -> flipBits(p);
                case 1 -> extremes(p);
                case 2 -> out.set(i, Arrays.copyOf(p, p.length == 0 ? 0 : rnd.nextInt(p.length)));
                case 3 -> out.set(i, Arrays.copyOf(p, p.length + 1 + rnd.nextInt(64)));
                case 4 -> out.remove(i);
                case 5 -> out.add(i, p.clone());
                default -> out.set(i, numbers(p));
            }
        }
        return out;
    }

    private void flipBits(byte[] p) {
        for (int j = 0, m = 1 + rnd.nextInt(8); j < m && p.length > 0; j++) {
            p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
    }

    private void extremes(byte[] p) {
        if (p.length == 0) {
            return;
        }
        int at = rnd.nextInt(p.length);
        byte v = rnd.nextBoolean() ? (byte) 0xFF : 0;
        for (int j = at; j < Math.min(p.length, at + 1 + rnd.nextInt(12)); j++) {
            p[j] = v;
        }
    }

    /** Replaces one run of digits in a text-looking part by a troublesome number. */
    private byte[] numbers(byte[] p) {
        if (p.length == 0 || p.length > 1 << 16 || (p[0] != '{' && p[0] != '[')) {
            flipBits(p);
            return p;
        }
        String s = new String(p, StandardCharsets.UTF_8);
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < s.length(); ) {
            if (Character.isDigit(s.charAt(i))) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                runs.add(new int[] {i, j});
                i = j;
            } else {
                i++;
            }
        }
        if (runs.isEmpty()) {
            return p;
        }
        int[] r = runs.get(rnd.nextInt(runs.size()));
        String t = s.substring(0, r[0]) + NUMBERS[rnd.nextInt(NUMBERS.length)] + s.substring(r[1]);
        return t.getBytes(StandardCharsets.UTF_8);
    }
}
