package org.hutch.widgets.mask;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The mask being edited: one byte per detector pixel, row-major, 1 = excluded (the pyFAI and azint
 * convention), with undo and redo of every edit (as Dioptas keeps them, 50 steps). Each edit gives its
 * listeners a new array, never one that is changed later, so a listener may hand it to another thread.
 * Not thread-safe: edit on one thread (the FX thread, where the tools run).
 */
public final class MaskEditor {
    public static final int HISTORY = 50;

    private final int rows;
    private final int cols;
    private byte[] mask;
    private final Deque<byte[]> undo = new ArrayDeque<>();
    private final Deque<byte[]> redo = new ArrayDeque<>();
    private final List<Consumer<byte[]>> listeners = new CopyOnWriteArrayList<>();

    /** @param initial the mask to start from (copied), or {@code null} for none masked */
    public MaskEditor(int rows, int cols, byte[] initial) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad mask shape " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.mask = initial != null ? checked(initial).clone() : new byte[rows * cols];
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The mask now (the caller must not change it). */
    public byte[] mask() {
        return mask;
    }

    /** Called with the new mask after each change (including undo and redo). */
    public void addListener(Consumer<byte[]> l) {
        listeners.add(l);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Masks ({@code add}) or unmasks every pixel whose centre lies in {@code shape}. */
    public void apply(MaskShape shape, boolean add) {
        byte[] next = mask.clone();
        double[] b = shape.bounds();
        int r0 = Math.max(0, (int) Math.floor(b[1] - 0.5));
        int r1 = Math.min(rows - 1, (int) Math.ceil(b[3]));
        int c0 = Math.max(0, (int) Math.floor(b[0] - 0.5));
        int c1 = Math.min(cols - 1, (int) Math.ceil(b[2]));
        byte v = (byte) (add ? 1 : 0);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                if (shape.contains(c + 0.5, r + 0.5)) {
                    next[r * cols + c] = v;
                }
            }
        }
        commit(next);
    }

    /**
     * Masks ({@code add}) or unmasks the pixels strictly below ({@code below}) or above {@code threshold};
     * NaN values (invalid pixels) are left as they are.
     */
    public void threshold(double[] values, boolean below, double threshold, boolean add) {
        if (values.length != mask.length) {
            throw new IllegalArgumentException("image of " + values.length + " pixels for a mask of " + mask.length);
        }
        byte[] next = mask.clone();
        byte v = (byte) (add ? 1 : 0);
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            if (below ? x < threshold : x > threshold) {
                next[i] = v;
            }
        }
        commit(next);
    }

    /** Adds the pixels set in {@code other} (1 = masked) to the mask. */
    public void add(byte[] other) {
        byte[] next = mask.clone();
        checked(other);
        for (int i = 0; i < next.length; i++) {
            if (other[i] != 0) {
                next[i] = 1;
            }
        }
        commit(next);
    }

    /** Replaces the mask by {@code other} (non-zero = masked), undoably. */
    public void replace(byte[] other) {
        checked(other);
        byte[] next = new byte[other.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = (byte) (other[i] != 0 ? 1 : 0);
        }
        commit(next);
    }

    public void clear() {
        commit(new byte[mask.length]);
    }

    public void invert() {
        byte[] next = new byte[mask.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = (byte) (mask[i] != 0 ? 0 : 1);
        }
        commit(next);
    }

    public void undo() {
        if (!undo.isEmpty()) {
            redo.push(mask);
            mask = undo.pop();
            fire();
        }
    }

    public void redo() {
        if (!redo.isEmpty()) {
            undo.push(mask);
            mask = redo.pop();
            fire();
        }
    }

    private void commit(byte[] next) {
        undo.push(mask);
        while (undo.size() > HISTORY) {
            undo.removeLast();
        }
        redo.clear();
        mask = next;
        fire();
    }

    private void fire() {
        for (Consumer<byte[]> l : listeners) {
            l.accept(mask);
        }
    }

    private byte[] checked(byte[] m) {
        if (m.length != rows * cols) {
            throw new IllegalArgumentException("a mask of " + m.length + " pixels does not fit the detector's "
                    + rows + "x" + cols);
        }
        return m;
    }
}
