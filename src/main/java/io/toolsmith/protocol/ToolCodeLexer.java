package io.toolsmith.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a tool_code block into the few Python tokens a call with literal arguments needs:
 * names, numbers, strings (already decoded) and single-character operators. Nothing is evaluated.
 */
final class ToolCodeLexer {

    enum Kind { NAME, NUMBER, STRING, OP, END }

    record Token(Kind kind, String text, int offset) {
        boolean is(String op) {
            return kind == Kind.OP && text.equals(op);
        }
    }

    private static final String OPERATORS = "()[]{},:=.-+";

    private final String src;
    private int pos;

    private ToolCodeLexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String source) throws ToolCodeException {
        ToolCodeLexer lexer = new ToolCodeLexer(source);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    private Token next() throws ToolCodeException {
        skipBlanksAndComments();
        if (pos >= src.length()) {
            return new Token(Kind.END, "", pos);
        }
        int start = pos;
        char c = src.charAt(pos);
        if (Character.isJavaIdentifierStart(c) && c != '$') {
            while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos)) && src.charAt(pos) != '$') {
                pos++;
            }
            String word = src.substring(start, pos);
            if (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'') && isStringPrefix(word)) {
                return string(word.toLowerCase(), start);
            }
            return new Token(Kind.NAME, word, start);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return number(start);
        }
        if (c == '"' || c == '\'') {
            return string("", start);
        }
        if (OPERATORS.indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.OP, String.valueOf(c), start);
        }
        throw new ToolCodeException("The tool_code block contains `" + c + "`, which is not part of a plain call with "
                + "literal values; write a function_call block instead.");
    }

    private void skipBlanksAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private static boolean isStringPrefix(String word) {
        return switch (word.toLowerCase()) {
            case "r", "u", "b", "f", "rb", "br", "fr", "rf" -> true;
            default -> false;
        };
    }

    private Token number(int start) throws ToolCodeException {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && pos > start
                    && "eE".indexOf(src.charAt(pos - 1)) >= 0 && !isHexPrefixed(start);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        return new Token(Kind.NUMBER, src.substring(start, pos), start);
    }

    private boolean isHexPrefixed(int start) {
        return src.startsWith("0x", start) || src.startsWith("0X", start);
    }

    private Token string(String prefix, int start) throws ToolCodeException {
        if (prefix.contains("b")) {
            throw new ToolCodeException("The tool_code block passes a bytes literal; pass text as a normal string.");
        }
        if (prefix.contains("f")) {
            throw new ToolCodeException("The tool_code block passes an f-string, which would have to be computed; "
                    + "pass the finished text as a plain string.");
        }
        boolean raw = prefix.contains("r");
        char quote = src.charAt(pos);
        boolean triple = src.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new ToolCodeException("The tool_code block has a string that is never closed; close every quote.");
            }
            char c = src.charAt(pos);
            if (c == quote && (!triple || src.startsWith(String.valueOf(quote).repeat(3), pos))) {
                pos += triple ? 3 : 1;
                return new Token(Kind.STRING, out.toString(), start);
            }
            if (c == '\n' && !triple) {
                throw new ToolCodeException("The tool_code block has a string that runs past the end of its line; "
                        + "use \\n for line breaks or triple quotes.");
            }
            if (c == '\\' && pos + 1 < src.length()) {
                if (raw) {
                    out.append(c).append(src.charAt(pos + 1));
                    pos += 2;
                } else {
                    pos = PythonEscapes.decode(src, pos, out);
                }
                continue;
            }
            out.append(c);
            pos++;
        }
    }
}
