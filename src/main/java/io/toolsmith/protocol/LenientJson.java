package io.toolsmith.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON that language models write, which is often almost JSON: trailing commas, comments,
 * single quotes, raw line breaks inside strings, prose or stray backticks around the object, and
 * closing braces missing because the reply was cut off. Jackson's lenient read features do the
 * parsing; this class only finds the value's extent, balances unclosed brackets outside strings,
 * and names every repair it relied on so the caller can report it.
 */
public final class LenientJson {

    /** A value read from almost-JSON, with the short phrases describing what had to be repaired. */
    public record Repaired(JsonNode value, List<String> repairs) {
        public Repaired {
            repairs = List.copyOf(repairs);
        }
    }

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private LenientJson() {
    }

    public static Repaired parse(String text) throws LenientJsonException {
        Piece piece = first(text);
        List<String> repairs = new ArrayList<>(piece.value().repairs());
        noteRest(piece.rest(), repairs);
        return new Repaired(piece.value().value(), repairs);
    }

    /**
     * Reads one or more JSON values written one after another (models sometimes put two call objects in one
     * block). Each value carries its own repairs; text after the last value is noted on the last one.
     */
    public static List<Repaired> parseSequence(String text) throws LenientJsonException {
        List<Repaired> values = new ArrayList<>();
        Piece piece = first(text);
        while (true) {
            String rest = piece.rest().strip();
            if (!rest.startsWith("{") && !rest.startsWith("[")) {
                List<String> repairs = new ArrayList<>(piece.value().repairs());
                noteRest(rest, repairs);
                values.add(new Repaired(piece.value().value(), repairs));
                return values;
            }
            values.add(piece.value());
            piece = at(rest, 0, new ArrayList<>());
        }
    }

    /** One value read from the front of the text and whatever followed it. */
    private record Piece(Repaired value, String rest) {
    }

    private static Piece first(String text) throws LenientJsonException {
        if (text == null || text.isBlank()) {
            throw new LenientJsonException("The block is empty; it should hold one JSON object.");
        }
        int start = firstBracket(text);
        if (start < 0) {
            return new Piece(new Repaired(read(text.strip()), List.of()), "");
        }
        while (true) {
            List<String> repairs = new ArrayList<>();
            if (!text.substring(0, start).isBlank()) {
                repairs.add("ignored text before the JSON");
            }
            try {
                return at(text, start, repairs);
            } catch (LenientJsonException e) {
                // Prose such as "[Note] …" can open with a bracket: try the next object before giving up.
                // Only a failed bracket is retried: a broken object must not yield one of its inner objects.
                int next = text.indexOf('{', start + 1);
                if (text.charAt(start) != '[' || next < 0) {
                    throw e;
                }
                start = next;
            }
        }
    }

    private static Piece at(String text, int start, List<String> repairs) throws LenientJsonException {
        Scan scan = Scan.of(text, start);
        if (scan.tooDeep()) {
            throw tooDeep();
        }
        String candidate = text.substring(start, scan.end());
        if (scan.comments()) {
            repairs.add("ignored comments");
        }
        if (scan.trailingComma()) {
            repairs.add("ignored a trailing comma");
        }
        if (scan.singleQuotes()) {
            repairs.add("read single-quoted strings");
        }
        if (scan.rawControl()) {
            repairs.add("accepted a raw line break or tab inside a string");
        }
        if (scan.openString()) {
            candidate += scan.quote();
            repairs.add("closed a string that was cut off at the end");
        }
        String closers = scan.closers();
        if (!closers.isEmpty()) {
            candidate += closers;
            repairs.add(describeClosers(closers));
        }
        return new Piece(new Repaired(read(candidate), repairs), text.substring(scan.end()));
    }

    private static void noteRest(String rest, List<String> repairs) {
        if (!rest.isBlank()) {
            repairs.add(rest.strip().chars().allMatch(c -> c == '}' || c == ']' || Character.isWhitespace(c))
                    ? "ignored extra closing brackets after the JSON" : "ignored text after the JSON");
        }
    }

    private static JsonNode read(String candidate) throws LenientJsonException {
        try (JsonParser parser = LENIENT.createParser(candidate)) {
            JsonNode value = LENIENT.readTree(parser);
            if (value == null) {
                throw new LenientJsonException("The block holds no JSON value; it should hold one JSON object.");
            }
            if (parser.nextToken() != null) {
                throw new LenientJsonException("The block holds more than one JSON value; write exactly one object.");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw tooDeep();
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new LenientJsonException("The JSON could not be read" + at + ": " + firstLine(e.getOriginalMessage())
                    + ". Write one valid JSON object.");
        } catch (IOException e) {
            throw new LenientJsonException("The JSON could not be read: " + e.getMessage() + ".");
        }
    }

    private static LenientJsonException tooDeep() {
        return new LenientJsonException("The JSON is " + Nesting.tooDeep() + "; write flatter data.");
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static int firstBracket(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '[') {
                return i;
            }
        }
        return -1;
    }

    static String describeClosers(String closers) {
        long braces = closers.chars().filter(c -> c == '}').count();
        long brackets = closers.length() - braces;
        List<String> parts = new ArrayList<>();
        if (braces > 0) {
            parts.add(braces == 1 ? "a missing closing brace" : braces + " missing closing braces");
        }
        if (brackets > 0) {
            parts.add(brackets == 1 ? "a missing closing bracket" : brackets + " missing closing brackets");
        }
        return "added " + String.join(" and ", parts) + " at the end";
    }

    /**
     * One pass over the text from the opening bracket, outside and inside strings, recording what the lenient
     * reader will have to accept and where the first value ends. Mismatched brackets are left for Jackson to report.
     */
    private record Scan(int end, String closers, boolean openString, char quote, boolean comments,
                        boolean trailingComma, boolean singleQuotes, boolean rawControl, boolean tooDeep) {

        /**
         * Deepest nesting read at all: the arguments' own limit plus a list of calls and the call object around
         * them. Deeper text is refused here, before Jackson builds a tree that could not be saved with the chat.
         */
        static final int MAX_DEPTH = Nesting.LIMIT + 2;

        static Scan of(String text, int start) {
            StringBuilder stack = new StringBuilder();
            boolean comments = false;
            boolean trailingComma = false;
            boolean singleQuotes = false;
            boolean rawControl = false;
            char quote = 0;
            char lastSignificant = 0;
            int i = start;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i += 2;
                        continue;
                    }
                    if (c == quote) {
                        quote = 0;
                        lastSignificant = c;
                    } else if (c < 0x20) {
                        rawControl = true;
                    }
                    i++;
                    continue;
                }
                if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                    comments = true;
                    int newline = text.indexOf('\n', i);
                    i = newline < 0 ? n : newline;
                    continue;
                }
                if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                    comments = true;
                    int close = text.indexOf("*/", i + 2);
                    i = close < 0 ? n : close + 2;
                    continue;
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                    singleQuotes |= c == '\'';
                } else if (c == '{' || c == '[') {
                    stack.append(c == '{' ? '}' : ']');
                    if (stack.length() > MAX_DEPTH) {
                        return new Scan(i, "", false, (char) 0, comments, trailingComma, singleQuotes, rawControl, true);
                    }
                } else if (c == '}' || c == ']') {
                    trailingComma |= lastSignificant == ',';
                    if (stack.length() > 0) {
                        stack.setLength(stack.length() - 1);
                    }
                    if (stack.length() == 0) {
                        return new Scan(i + 1, "", false, (char) 0, comments, trailingComma, singleQuotes, rawControl,
                                false);
                    }
                }
                if (!Character.isWhitespace(c)) {
                    lastSignificant = c;
                }
                i++;
            }
            String closers = new StringBuilder(stack).reverse().toString();
            boolean open = quote != 0;
            return new Scan(n, closers, open, open ? quote : (char) 0, comments, trailingComma, singleQuotes, rawControl,
                    false);
        }
    }
}
