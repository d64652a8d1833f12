package io.toolsmith.ui.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

class SyntaxHighlighterTest {

    /** The styled pieces of {@code text}, as "style:piece", skipping plain text. */
    private static List<String> styled(String language, String text) {
        StyleSpans<Collection<String>> spans = SyntaxHighlighter.highlight(language, text);
        List<String> out = new ArrayList<>();
        int pos = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            String style = span.getStyle().iterator().next();
            if (!style.equals("text") && span.getLength() > 0) {
                out.add(style + ":" + text.substring(pos, pos + span.getLength()));
            }
            pos += span.getLength();
        }
        assertEquals(text.length(), pos, "spans cover the text exactly");
        return out;
    }

    @Test
    void pythonKeywordsStringsNumbersCommentsAndDecorators() {
        String code = "@cache\ndef f(x):  # doubles\n    return x * 2 if x else \"none\"\n";
        assertEquals(List.of("decorator:@cache", "keyword:def", "comment:# doubles", "keyword:return",
                "number:2", "keyword:if", "keyword:else", "string:\"none\""), styled("python", code));
    }

    @Test
    void pythonKeywordInsideAStringIsAString() {
        assertEquals(List.of("string:'return if'"), styled("python", "'return if'"));
    }

    @Test
    void jsonKeysDifferFromStringValues() {
        assertEquals(List.of("key:\"amount\"", "number:300.0", "key:\"ok\"", "literal:true", "key:\"c\"",
                "string:\"Travel\""), styled("json", "{\"amount\": 300.0, \"ok\": true, \"c\": \"Travel\"}"));
    }

    @Test
    void infoStringsMapToLanguages() {
        assertEquals("python", SyntaxHighlighter.languageOf("py"));
        assertEquals("json", SyntaxHighlighter.languageOf("function_spec"));
        assertEquals("json", SyntaxHighlighter.languageOf("function_call"));
        assertEquals("", SyntaxHighlighter.languageOf("rust"));
        assertEquals(List.of(), styled("", "fn main() {}"));
    }
}
