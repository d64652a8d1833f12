package io.toolsmith.agent;

import io.toolsmith.protocol.Block;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.protocol.MalformedCall;
import io.toolsmith.protocol.ParsedReply;
import io.toolsmith.protocol.ReplyParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A reply that the length limit ended inside a call block holds a call that was never finished: its JSON would be
 * "repaired" by closing it where it stopped, which can turn 300 into 30 or drop the last argument. Such a call is
 * answered with an error asking for it again, never run; the calls in finished blocks before it run as usual.
 */
final class CutOffCalls {
    private static final Set<String> CALL_LABELS = Set.of("function_call", "json", "tool_code");

    private CutOffCalls() {
    }

    /** {@code parsed} with the calls of an unclosed last call block turned into errors; as is when there is none. */
    static ParsedReply withoutUnfinishedCall(ReplyParser parser, String reply, ParsedReply parsed) {
        Block last = parsed.blocks().isEmpty() ? null : parsed.blocks().get(parsed.blocks().size() - 1);
        if (last == null || last.closed() || !CALL_LABELS.contains(last.label())) {
            return parsed;
        }
        String[] lines = reply.replace("\r\n", "\n").split("\n", -1);
        String before = String.join("\n", List.of(lines).subList(0, Math.max(0, Math.min(lines.length, last.startLine() - 1))));
        ParsedReply finished = parser.parse(before);
        ParsedReply unfinished = parser.parse("```" + last.label() + "\n" + last.content() + "\n```");
        List<MalformedCall> malformed = new ArrayList<>(finished.malformed());
        String problem = "The reply was cut off at the length limit inside this call (the " + last.label()
                + " block on line " + last.startLine() + "), so it was not run. Write the call again, in full.";
        int madeUp = 0;
        for (FunctionCall call : unfinished.calls()) {
            boolean idMadeUp = call.repairs().stream().anyMatch(r -> r.startsWith("gave the call the id"));
            MalformedCall cut = new MalformedCall(idMadeUp ? null : call.id(), call.function(), problem, last.content());
            malformed.add(idMadeUp ? cut.withMadeUpId("cut_" + ++madeUp) : cut);
        }
        for (MalformedCall bad : unfinished.malformed()) {
            boolean idMadeUp = bad.problem().contains("no readable \"id\"");
            MalformedCall cut = new MalformedCall(idMadeUp ? null : bad.id(), bad.function(), problem, last.content());
            malformed.add(idMadeUp ? cut.withMadeUpId("cut_" + ++madeUp) : cut);
        }
        return new ParsedReply(parsed.blocks(), finished.calls(), malformed, parsed.specs(), parsed.pythonBlocks(),
                parsed.thinking(), parsed.warnings(), parsed.visibleText());
    }
}
