package io.toolsmith.settings;

/** A setting with a fixed set of values; each value has the name people read (in the dialog, in messages). */
public interface SettingChoice {
    /** The value as shown, in sentence case ("Auto", "Local", "System message"). */
    String label();
}
