package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.protocol.ToolCodeLexer.Kind;
import io.toolsmith.protocol.ToolCodeLexer.Token;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Gemma's tool_code habit, {@code fetch_weather(place="Pune", days=3)}, optionally wrapped in
 * {@code print(…)}, into a function name and JSON arguments. It is a parser, never an interpreter: only
 * keyword arguments whose values are Python literals (strings, numbers, True/False/None, lists, tuples,
 * dicts) are accepted; anything else is rejected with a sentence asking for that form.
 */
public final class ToolCodeParser {

    /** The call read from a tool_code block; {@code notes} says what was assumed (e.g. an unwrapped print). */
    public record ToolCall(String function, ObjectNode arguments, List<String> notes) {
        public ToolCall {
            notes = List.copyOf(notes);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String EXAMPLE = "fetch_weather(place=\"Pune\", days=3)";

    private final List<Token> tokens;
    private int index;
    /** Levels of lists and dicts open at this point; the arguments object is the first. */
    private int depth = 1;

    private ToolCodeParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static ToolCall parse(String code) throws ToolCodeException {
        if (code == null || code.isBlank()) {
            throw new ToolCodeException("The tool_code block is empty; write one call like " + EXAMPLE + ".");
        }
        ToolCodeParser parser = new ToolCodeParser(ToolCodeLexer.tokenize(code));
        List<String> notes = new ArrayList<>();
        ToolCall call = parser.call(notes);
        if (parser.peek().kind() != Kind.END) {
            throw new ToolCodeException("The tool_code block holds more than one call or statement; write exactly one "
                    + "call per block, like " + EXAMPLE + ".");
        }
        return call;
    }

    private ToolCall call(List<String> notes) throws ToolCodeException {
        // print(print(…(f(…)))) is unwrapped in a loop, not by recursion, so no depth of wrappers overflows the stack.
        int prints = 0;
        Token name = callee();
        while (name.text().equals("print") && peek().kind() == Kind.NAME && !isKeywordArgumentAhead()) {
            if (++prints > Nesting.LIMIT) {
                throw new ToolCodeException("The tool_code block has print(…) " + Nesting.tooDeep() + "; write "
                        + "one call like " + EXAMPLE + ".");
            }
            name = callee();
        }
        if (prints > 0) {
            notes.add("unwrapped the print(…) around the call");
        }
        ObjectNode arguments = NODES.objectNode();
        while (!peek().is(")")) {
            Token key = peek();
            if (key.kind() != Kind.NAME || !tokens.get(index + 1).is("=")) {
                throw new ToolCodeException("The call to " + name.text() + " in the tool_code block has a positional "
                        + "argument; write every argument as name=value, like " + EXAMPLE + ".");
            }
            index += 2;
            if (arguments.has(key.text())) {
                throw new ToolCodeException("The call to " + name.text() + " in the tool_code block passes `"
                        + key.text() + "` twice; pass each argument once.");
            }
            arguments.set(key.text(), literal(name.text(), key.text()));
            if (!accept(",")) {
                break;
            }
        }
        expect(")", "The call to " + name.text() + " in the tool_code block is not closed correctly; write it like "
                + EXAMPLE + ".");
        for (int i = 0; i < prints; i++) {
            accept(",");
            expect(")", "The print(…) around the call in the tool_code block is not closed correctly.");
        }
        return new ToolCall(name.text(), arguments, notes);
    }

    /** Reads {@code name(} and returns the name. */
    private Token callee() throws ToolCodeException {
        Token name = peek();
        if (name.kind() != Kind.NAME) {
            throw notACall();
        }
        index++;
        if (peek().is(".")) {
            throw new ToolCodeException("The tool_code block calls a method (`" + name.text() + ".…`); call the "
                    + "function by its plain name with keyword arguments, like " + EXAMPLE + ".");
        }
        if (!peek().is("(")) {
            throw notACall();
        }
        index++;
        return name;
    }

    private boolean isKeywordArgumentAhead() {
        return tokens.get(index + 1).is("=");
    }

    private JsonNode literal(String function, String argument) throws ToolCodeException {
        Token t = peek();
        index++;
        switch (t.kind()) {
            case STRING -> {
                StringBuilder text = new StringBuilder(t.text());
                while (peek().kind() == Kind.STRING) {
                    text.append(tokens.get(index++).text());
                }
                return NODES.textNode(text.toString());
            }
            case NUMBER -> {
                return number(t.text(), false);
            }
            case NAME -> {
                switch (t.text()) {
                    case "True" -> { return NODES.booleanNode(true); }
                    case "False" -> { return NODES.booleanNode(false); }
                    case "None" -> { return NODES.nullNode(); }
                    default -> throw nonLiteral(function, argument);
                }
            }
            default -> { }
        }
        if (t.is("-") || t.is("+")) {
            Token n = peek();
            if (n.kind() != Kind.NUMBER) {
                throw nonLiteral(function, argument);
            }
            index++;
            return number(n.text(), t.is("-"));
        }
        if (t.is("[")) {
            return sequence("]", function, argument);
        }
        if (t.is("(")) {
            ArrayNode items = sequence(")", function, argument);
            // (x) is just x in Python; only a comma makes a tuple.
            boolean tuple = items.size() != 1 || tokens.get(index - 2).is(",");
            return tuple ? items : items.get(0);
        }
        if (t.is("{")) {
            return dict(function, argument);
        }
        throw nonLiteral(function, argument);
    }

    private ArrayNode sequence(String close, String function, String argument) throws ToolCodeException {
        enter(function, argument);
        ArrayNode items = NODES.arrayNode();
        while (!peek().is(close)) {
            items.add(literal(function, argument));
            if (!accept(",")) {
                break;
            }
        }
        expect(close, "A list or tuple in the argument `" + argument + "` of " + function + " is not closed correctly.");
        depth--;
        return items;
    }

    private ObjectNode dict(String function, String argument) throws ToolCodeException {
        enter(function, argument);
        ObjectNode map = NODES.objectNode();
        while (!peek().is("}")) {
            JsonNode key = literal(function, argument);
            if (!key.isTextual()) {
                throw new ToolCodeException("A dictionary in the argument `" + argument + "` of " + function
                        + " has a key that is not a string; use string keys.");
            }
            expect(":", "A dictionary in the argument `" + argument + "` of " + function
                    + " is not written as {\"key\": value}.");
            map.set(key.asText(), literal(function, argument));
            if (!accept(",")) {
                break;
            }
        }
        expect("}", "A dictionary in the argument `" + argument + "` of " + function + " is not closed correctly.");
        depth--;
        return map;
    }

    /**
     * Counts one more level of lists or dicts, refusing before the parser recurses into it: the limit keeps the
     * Java stack safe on thousands of brackets and matches the limit every call's arguments are held to.
     */
    private void enter(String function, String argument) throws ToolCodeException {
        if (++depth > Nesting.LIMIT) {
            throw new ToolCodeException("The argument `" + argument + "` of " + function + " in the tool_code block is "
                    + Nesting.tooDeep() + "; pass flatter data.");
        }
    }

    private static JsonNode number(String text, boolean negative) throws ToolCodeException {
        String digits = text.replace("_", "");
        try {
            String lower = digits.toLowerCase();
            int radix = lower.startsWith("0x") ? 16 : lower.startsWith("0o") ? 8 : lower.startsWith("0b") ? 2 : 10;
            if (radix != 10 || !(lower.contains(".") || lower.contains("e"))) {
                BigInteger value = new BigInteger(radix == 10 ? digits : digits.substring(2), radix);
                if (radix == 10 && digits.length() > 1 && digits.startsWith("0") && value.signum() != 0) {
                    throw new NumberFormatException("leading zero");
                }
                value = negative ? value.negate() : value;
                return value.bitLength() < 32 ? NODES.numberNode(value.intValue())
                        : value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
            }
            double value = Double.parseDouble(digits);
            if (Double.isInfinite(value)) {
                throw new NumberFormatException("too large");
            }
            return NODES.numberNode(negative ? -value : value);
        } catch (NumberFormatException e) {
            throw new ToolCodeException("The tool_code block has `" + text + "`, which is not a number JSON can hold; "
                    + "write a plain integer or decimal.");
        }
    }

    private Token peek() {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    private boolean accept(String op) {
        if (peek().is(op)) {
            index++;
            return true;
        }
        return false;
    }

    private void expect(String op, String sentence) throws ToolCodeException {
        if (!accept(op)) {
            throw new ToolCodeException(sentence);
        }
    }

    private static ToolCodeException notACall() {
        return new ToolCodeException("The tool_code block is not a function call; write one call with keyword "
                + "arguments, like " + EXAMPLE + ", or use a function_call block.");
    }

    private static ToolCodeException nonLiteral(String function, String argument) {
        return new ToolCodeException("The argument `" + argument + "` of " + function + " in the tool_code block is "
                + "not a literal value; pass strings, numbers, True/False/None, lists or dicts written out in full.");
    }
}
