package io.toolsmith.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PromptTextTest {
    @Test
    void aParagraphsLinesAreJoinedAndBlocksListsAndHeadingsKept() {
        String file = """
                # Calling functions

                Use only the functions described in blocks. Never invent a
                function or guess a name. Each block holds
                a JSON object:

                ```function_call
                {"id": "a",
                 "function": "f"}
                ```

                - one item
                - another item
                1. first
                2. second
                """;
        String shown = """
                # Calling functions

                Use only the functions described in blocks. Never invent a function or guess a name. Each block holds a JSON object:

                ```function_call
                {"id": "a",
                 "function": "f"}
                ```

                - one item
                - another item
                1. first
                2. second
                """;
        assertEquals(shown, PromptText.unwrap(file));
    }

    @Test
    void thePromptsAreNamedInWords() {
        assertEquals("Instructions for calling functions", PromptText.title("function-calling"));
        assertEquals("Instructions for writing functions", PromptText.title("function-writing"));
        assertEquals("my-prompt", PromptText.title("my-prompt"));
    }
}
