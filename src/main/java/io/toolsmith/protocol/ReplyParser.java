package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a model reply: finds its fenced code blocks with commonmark (so fences inside lists, longer fences and
 * a block left open by a cut-off reply behave as Markdown says) and sorts them by label into calls, specs,
 * code and thinking. Never throws on model output: whatever cannot be used becomes a malformed call, a spec
 * problem or a warning. Thread-safe; one instance can serve every conversation.
 */
public final class ReplyParser {
    private static final String THINK_OPEN = "<think>";
    private static final String THINK_CLOSE = "</think>";

    private final Parser markdown = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    public ParsedReply parse(String reply) {
        return parse(reply, null);
    }

    /**
     * Reads a reply together with the server's native tool calls ({@code message.tool_calls} of Ollama:
     * {@code [{"id"?, "function": {"name", "arguments"}}]}), which some models emit instead of blocks.
     * Native calls come after the calls found in the text.
     */
    public ParsedReply parse(String reply, JsonNode nativeToolCalls) {
        Collector out = new Collector();
        String visible = readText(reply, out);
        for (JsonNode toolCall : nativeToolCalls == null ? JsonNodeFactory.instance.arrayNode() : nativeToolCalls) {
            JsonNode function = toolCall.path("function");
            ObjectNode call = JsonNodeFactory.instance.objectNode();
            if (toolCall.has("id")) {
                call.set("id", toolCall.get("id"));
            }
            if (function.has("name")) {
                call.set("function", function.get("name"));
            }
            if (function.has("arguments")) {
                call.set("parameters", function.get("arguments"));
            }
            out.add(out.reader.read(call, "native tool call", CallSource.NATIVE, List.of(), toolCall.toString()));
        }
        warnDuplicateIds(out);
        out.giveMalformedCallsIds();
        return new ParsedReply(out.blocks, out.calls, out.malformed, out.specs, out.python, out.thinking,
                out.warnings, visible);
    }

    /** Fills {@code out} from the Markdown and returns the text without thinking. */
    private String readText(String reply, Collector out) {
        String text = reply == null ? "" : reply.replace("\r\n", "\n");
        String body = text;
        int lineOffset = 0;
        String trimmed = text.stripLeading();
        int close = trimmed.indexOf(THINK_CLOSE);
        if (trimmed.startsWith(THINK_OPEN) && close > 0) {
            // Reasoning models put their thoughts in <think>…</think> before the answer.
            out.thinking.add(trimmed.substring(THINK_OPEN.length(), close).strip());
            int bodyStart = text.length() - trimmed.length() + close + THINK_CLOSE.length();
            lineOffset = (int) text.substring(0, bodyStart).chars().filter(c -> c == '\n').count();
            body = text.substring(bodyStart);
        }
        List<int[]> hiddenLines = new ArrayList<>();
        List<FencedCodeBlock> fences = new ArrayList<>();
        markdown.parse(body).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                fences.add(block);
            }
        });
        for (FencedCodeBlock fence : fences) {
            Block block = toBlock(fence, lineOffset);
            out.blocks.add(block);
            if (!block.closed()) {
                out.warnings.add("The reply ends inside an unclosed " + describeLabel(block.label()) + " block (line "
                        + block.startLine() + "); it may have been cut off.");
            }
            if (block.label().equals("thinking")) {
                hiddenLines.add(lineRange(fence));
            }
            route(block, out);
        }
        return withoutLines(body, hiddenLines).strip();
    }

    private void route(Block block, Collector out) {
        switch (block.label()) {
            case "function_call" -> readCalls(block, CallSource.FUNCTION_CALL, out);
            case "function_spec" -> out.specs.add(readSpec(block, out));
            case "function_output" -> out.warnings.add("The reply contains a function_output block written by the "
                    + "model (line " + block.startLine() + "); it was ignored.");
            case "python", "py", "python3" -> out.python.add(block.content());
            case "thinking" -> out.thinking.add(block.content().strip());
            case "tool_code" -> readToolCode(block, out);
            case "json" -> JsonBlocks.read(block, out);
            default -> { }
        }
    }

    private static void readCalls(Block block, CallSource source, Collector out) {
        List<LenientJson.Repaired> values;
        try {
            values = LenientJson.parseSequence(block.content());
        } catch (LenientJsonException e) {
            out.malformed.add(new MalformedCall(null, null, "The function_call block on line " + block.startLine()
                    + " is not valid JSON. " + e.getMessage(), block.content()));
            return;
        }
        for (LenientJson.Repaired value : values) {
            if (value.value().isArray()) {
                List<String> repairs = new ArrayList<>(value.repairs());
                repairs.add("read a list of calls from one block");
                value.value().forEach(item -> out.add(out.reader.read(item, "function_call", source, repairs,
                        block.content())));
            } else {
                out.add(out.reader.read(value.value(), "function_call", source, value.repairs(), block.content()));
            }
        }
    }

    static SpecBlock readSpec(Block block, Collector out) {
        try {
            LenientJson.Repaired value = LenientJson.parse(block.content());
            if (!value.value().isObject()) {
                return new SpecBlock(null, "The function_spec block on line " + block.startLine() + " must hold one "
                        + "JSON object, but it holds " + CallReader.describe(value.value()) + ".", block.content());
            }
            if (!value.repairs().isEmpty()) {
                out.warnings.add("The function_spec block on line " + block.startLine() + " was repaired: "
                        + String.join("; ", value.repairs()) + ".");
            }
            return new SpecBlock((ObjectNode) value.value(), null, block.content());
        } catch (LenientJsonException e) {
            return new SpecBlock(null, "The function_spec block on line " + block.startLine() + " is not valid JSON. "
                    + e.getMessage(), block.content());
        }
    }

    private static void readToolCode(Block block, Collector out) {
        try {
            ToolCodeParser.ToolCall call = ToolCodeParser.parse(block.content());
            out.calls.add(out.reader.withNewId(call.function(), call.arguments(), CallSource.TOOL_CODE, call.notes()));
        } catch (ToolCodeException e) {
            out.malformed.add(new MalformedCall(null, null, e.getMessage(), block.content()));
        }
    }

    private static Block toBlock(FencedCodeBlock fence, int lineOffset) {
        String info = fence.getInfo() == null ? "" : fence.getInfo().strip();
        String label = info.isEmpty() ? "" : info.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        int line = fence.getSourceSpans().isEmpty() ? 0 : fence.getSourceSpans().get(0).getLineIndex();
        String literal = fence.getLiteral() == null ? "" : fence.getLiteral();
        if (literal.endsWith("\n")) {
            literal = literal.substring(0, literal.length() - 1);
        }
        return new Block(label, literal, line + 1 + lineOffset, fence.getClosingFenceLength() != null);
    }

    private static int[] lineRange(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (spans.isEmpty()) {
            return new int[] {0, -1};
        }
        return new int[] {spans.get(0).getLineIndex(), spans.get(spans.size() - 1).getLineIndex()};
    }

    private static String withoutLines(String text, List<int[]> ranges) {
        if (ranges.isEmpty()) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            final int line = i;
            if (ranges.stream().noneMatch(r -> line >= r[0] && line <= r[1])) {
                kept.append(lines[i]).append('\n');
            }
        }
        return kept.toString();
    }

    private static String describeLabel(String label) {
        return label.isEmpty() ? "code" : label;
    }

    private static void warnDuplicateIds(Collector out) {
        List<String> seen = new ArrayList<>();
        for (FunctionCall call : out.calls) {
            String key = call.idText();
            if (seen.contains(key)) {
                out.warnings.add("Two calls in the reply share the id " + key + "; each call should have its own id.");
            }
            seen.add(key);
        }
    }

    /** The lists being filled while one reply is read. */
    static final class Collector {
        final List<Block> blocks = new ArrayList<>();
        final List<FunctionCall> calls = new ArrayList<>();
        final List<MalformedCall> malformed = new ArrayList<>();
        final List<SpecBlock> specs = new ArrayList<>();
        final List<String> python = new ArrayList<>();
        final List<String> thinking = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final CallReader reader = new CallReader();

        /** A call that cannot be run is still answered, and an answer needs an id: one is made up where none was readable. */
        void giveMalformedCallsIds() {
            java.util.Set<String> taken = new java.util.HashSet<>();
            calls.forEach(c -> taken.add(c.idText()));
            malformed.stream().filter(m -> m.id() != null && !m.id().isNull()).forEach(m -> taken.add(m.id().asText()));
            for (int i = 0; i < malformed.size(); i++) {
                MalformedCall bad = malformed.get(i);
                if (bad.id() == null || bad.id().isNull()) {
                    String id = reader.newId(taken);
                    taken.add(id);
                    malformed.set(i, bad.withMadeUpId(id));
                }
            }
        }

        void add(CallReader.Outcome outcome) {
            if (outcome.call() != null) {
                calls.add(outcome.call());
            } else {
                malformed.add(outcome.malformed());
            }
        }
    }
}
