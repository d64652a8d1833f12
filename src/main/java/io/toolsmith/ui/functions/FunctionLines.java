package io.toolsmith.ui.functions;

import io.toolsmith.functions.CodeAnalysis;
import io.toolsmith.functions.Review;
import java.util.Optional;

/**
 * Where a function is in its module's code: the lines from its first decorator (or {@code def}) to its last line,
 * as the analyzer found them in the syntax tree. A module holds several functions; the review and the call card
 * point at the one in question. Pure.
 *
 * @param first 1-based first line
 * @param last  1-based last line, inclusive
 */
public record FunctionLines(int first, int last) {

    /** The lines of the reviewed function in its module; empty when there is no code or the code does not define it. */
    public static Optional<FunctionLines> of(Review review) {
        if (review == null || review.code() == null || review.analysis() == null) {
            return Optional.empty();
        }
        return review.analysis().function(review.entry().name()).map(f -> of(f, review.code()));
    }

    static FunctionLines of(CodeAnalysis.FunctionInfo function, String code) {
        String[] lines = code.split("\n", -1);
        int first = Math.max(1, Math.min(function.firstLine() > 0 ? function.firstLine() : function.line(), lines.length));
        int last = function.endLine() >= first ? Math.min(function.endLine(), lines.length) : endByIndent(lines, first);
        return new FunctionLines(first, last);
    }

    /**
     * Code that does not parse has no syntax tree: the function ends before the next line that starts at the left
     * margin, as Python would read it (trailing blank lines left out).
     */
    private static int endByIndent(String[] lines, int first) {
        int last = first;
        for (int i = first; i < lines.length; i++) { // lines[i] is line i + 1
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                break;
            }
            last = i + 1;
        }
        return last;
    }

    /** Just these lines of {@code code}. */
    public String excerpt(String code) {
        String[] lines = code.split("\n", -1);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.min(first - 1, lines.length),
                Math.min(last, lines.length)));
    }

    public int count() {
        return last - first + 1;
    }
}
