package io.toolsmith.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.razorvine.pickle.UnpickleStack;

/**
 * Razorvine's unpickle stack, array-backed and with direct access to the items above the last mark,
 * so containers can be built without the intermediate reversed list Razorvine makes.
 */
final class PickleStack extends UnpickleStack {
    private final PickleBudget budget;
    private Object[] items = new Object[64];
    private int size;

    PickleStack(PickleBudget budget) {
        this.budget = budget;
    }

    @Override
    public void add(Object o) {
        if (size == items.length) {
            budget.charge(4L * size);
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = o;
    }

    @Override
    public void add_mark() {
        add(MARKER);
    }

    @Override
    public Object pop() {
        if (size == 0) {
            throw new CorruptPickleException("an opcode needs a value that is not there");
        }
        Object o = items[--size];
        items[size] = null;
        return o;
    }

    @Override
    public Object peek() {
        if (size == 0) {
            throw new CorruptPickleException("an opcode needs a value that is not there");
        }
        return items[size - 1];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        Arrays.fill(items, 0, size, null);
        size = 0;
    }

    @Override
    public void trim() {
    }

    /** Index of the first item above the topmost mark. */
    int markStart() {
        for (int i = size - 1; i >= 0; i--) {
            if (items[i] == MARKER) {
                return i + 1;
            }
        }
        throw new CorruptPickleException("an opcode needs a mark that is not there");
    }

    Object get(int index) {
        return items[index];
    }

    /** Drops everything from {@code start - 1} (the mark) upwards. */
    void truncateToMark(int start) {
        Arrays.fill(items, start - 1, size, null);
        size = start - 1;
    }

    @Override
    public List<Object> pop_all_since_marker() {
        int start = markStart();
        List<Object> out = new ArrayList<>(Arrays.asList(items).subList(start, size));
        truncateToMark(start);
        return out;
    }
}
