package io.toolsmith.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The settings one edit changed, applied to whatever the settings are by the time it is saved. A form shows the
 * settings as they were when it opened; saving the whole form would undo a {@code toolsmith settings set} made
 * meanwhile, so only the fields the form changed are taken over. Fields are compared as written to the file, so a new
 * setting takes part without more code.
 */
public final class SettingsChange implements UnaryOperator<Settings> {
    private final ObjectNode changed;

    private SettingsChange(ObjectNode changed) {
        this.changed = changed;
    }

    /** The fields that differ between the settings an edit started from and the settings it ended with. */
    public static SettingsChange between(Settings before, Settings after) {
        ObjectNode from = Json.MAPPER.valueToTree(before);
        ObjectNode to = Json.MAPPER.valueToTree(after);
        // null values are not written, so a field cleared by the edit is one that is missing afterwards
        Set<String> fields = new LinkedHashSet<>();
        from.fieldNames().forEachRemaining(fields::add);
        to.fieldNames().forEachRemaining(fields::add);
        ObjectNode changed = Json.MAPPER.createObjectNode();
        for (String field : fields) {
            JsonNode now = to.has(field) ? to.get(field) : NullNode.getInstance();
            JsonNode was = from.has(field) ? from.get(field) : NullNode.getInstance();
            if (!now.equals(was)) {
                changed.set(field, now);
            }
        }
        return new SettingsChange(changed);
    }

    /** The names of the fields this change sets, as written in the file. */
    public Set<String> fields() {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<String> it = changed.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Override
    public Settings apply(Settings current) {
        ObjectNode merged = Json.MAPPER.valueToTree(current);
        merged.setAll(changed);
        try {
            return Json.MAPPER.treeToValue(merged, Settings.class).normalized();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Settings written by this version read back", e);
        }
    }
}
