package io.toolsmith.protocol;

import java.util.List;

/**
 * Everything read from one model reply. {@code blocks} lists every fenced block in order (including
 * function_output blocks the model wrote, so a view can mark them); the other lists are views by kind.
 * {@code visibleText} is the reply without its thinking, for display.
 */
public record ParsedReply(List<Block> blocks, List<FunctionCall> calls, List<MalformedCall> malformed,
                          List<SpecBlock> specs, List<String> pythonBlocks, List<String> thinking,
                          List<String> warnings, String visibleText) {
    public ParsedReply {
        blocks = List.copyOf(blocks);
        calls = List.copyOf(calls);
        malformed = List.copyOf(malformed);
        specs = List.copyOf(specs);
        pythonBlocks = List.copyOf(pythonBlocks);
        thinking = List.copyOf(thinking);
        warnings = List.copyOf(warnings);
    }

    /** True when the reply asked for at least one call, runnable or not: the turn goes on with function_output. */
    public boolean hasCalls() {
        return !calls.isEmpty() || !malformed.isEmpty();
    }
}
