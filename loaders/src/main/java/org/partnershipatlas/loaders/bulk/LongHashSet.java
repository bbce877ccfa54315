package org.partnershipatlas.loaders.bulk;

import java.util.Arrays;

/** A set of longs in one open-addressed array (about 16 bytes an element), without boxing. */
public final class LongHashSet {
    private static final long EMPTY = 0;
    private long[] slots = new long[1 << 10];
    private boolean hasZero;
    private int size;

    /** Adds a value; returns false if it was there already. */
    public boolean add(long value) {
        if (value == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        int i = slot(value, slots.length);
        while (slots[i] != EMPTY) {
            if (slots[i] == value) {
                return false;
            }
            i = (i + 1) & (slots.length - 1);
        }
        slots[i] = value;
        size++;
        return true;
    }

    public boolean contains(long value) {
        if (value == EMPTY) {
            return hasZero;
        }
        int i = slot(value, slots.length);
        while (slots[i] != EMPTY) {
            if (slots[i] == value) {
                return true;
            }
            i = (i + 1) & (slots.length - 1);
        }
        return false;
    }

    public int size() {
        return size + (hasZero ? 1 : 0);
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.stream(old).filter(v -> v != EMPTY).forEach(v -> {
            int i = slot(v, slots.length);
            while (slots[i] != EMPTY) {
                i = (i + 1) & (slots.length - 1);
            }
            slots[i] = v;
        });
    }

    private static int slot(long value, int length) {
        long mixed = value * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & (length - 1);
    }
}
