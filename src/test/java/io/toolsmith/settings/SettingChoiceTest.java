package io.toolsmith.settings;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The choices are shown by name in one case style ("Auto", "Local", "System message"), never as enum constants. */
class SettingChoiceTest {
    @Test
    void everyChoiceHasASentenceCaseLabel() {
        List<SettingChoice> all = Stream.of(Backend.values(), InstructionMode.values(), CallingMode.values(),
                SandboxBackend.values(), Theme.values()).flatMap(Stream::of).map(c -> (SettingChoice) c).toList();
        for (SettingChoice choice : all) {
            String label = choice.label();
            assertNotEquals(((Enum<?>) choice).name(), label);
            assertTrue(label.matches("\\p{Lu}[\\p{Ll}\\p{Lu}]*[\\p{Ll}-]+( [\\p{Ll}]+)*"), label);
        }
    }
}
