package io.toolsmith.functions;

import java.util.Locale;

/** Whether an approved function runs when the model calls it ({@code AUTO}) or asks the user first ({@code ASK}). */
public enum CallPolicy {
    AUTO,
    ASK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
