package io.toolsmith.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCodeParserTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private static String problem(String code) {
        return assertThrows(ToolCodeException.class, () -> ToolCodeParser.parse(code)).getMessage();
    }

    @Test
    void keywordArgumentsOfEveryLiteralType() throws Exception {
        ToolCodeParser.ToolCall call = ToolCodeParser.parse(
                "fetch_weather(place=\"Pune\", alt='x\\'y', days=3, big=12345678901, huge=123456789012345678901234,"
                + " neg=-2, ratio=0.5, exp=1e-3, sep=1_000, hexa=0xFF, yes=True, no=False, nothing=None)");
        assertEquals("fetch_weather", call.function());
        assertEquals(json("{\"place\": \"Pune\", \"alt\": \"x'y\", \"days\": 3, \"big\": 12345678901,"
                + " \"huge\": 123456789012345678901234, \"neg\": -2, \"ratio\": 0.5, \"exp\": 0.001, \"sep\": 1000,"
                + " \"hexa\": 255, \"yes\": true, \"no\": false, \"nothing\": null}"), call.arguments());
        assertTrue(call.arguments().get("days").isInt());
        assertTrue(call.arguments().get("big").isLong());
        assertEquals(List.of(), call.notes());
    }

    @Test
    void stringForms() throws Exception {
        ToolCodeParser.ToolCall call = ToolCodeParser.parse("f(a=\"tab\\there\\n\", b=r\"C:\\new\", c='''multi\nline''',"
                + " d=\"\"\"say \"hi\" \"\"\", e=\"caf\\u00e9 \\x41 \\N{BULLET}\", g=\"joined \" 'text', h=u\"plain\")");
        assertEquals(json("{\"a\": \"tab\\there\\n\", \"b\": \"C:\\\\new\", \"c\": \"multi\\nline\","
                + " \"d\": \"say \\\"hi\\\" \", \"e\": \"café A \u2022\", \"g\": \"joined text\", \"h\": \"plain\"}"),
                call.arguments());
    }

    @Test
    void nestedCollections() throws Exception {
        ToolCodeParser.ToolCall call = ToolCodeParser.parse(
                "search(query=\"headphones\", price_range=(0, 100), tags=['a', \"b\",], filters={\"brand\": [\"x\"],"
                + " 'opts': {\"min\": -4.5, \"ok\": None}}, one=(7,), paren=(7), empty=[])");
        assertEquals(json("{\"query\": \"headphones\", \"price_range\": [0, 100], \"tags\": [\"a\", \"b\"],"
                + " \"filters\": {\"brand\": [\"x\"], \"opts\": {\"min\": -4.5, \"ok\": null}}, \"one\": [7],"
                + " \"paren\": 7, \"empty\": []}"), call.arguments());
    }

    @Test
    void printWrapperMultipleLinesAndComments() throws Exception {
        ToolCodeParser.ToolCall call = ToolCodeParser.parse("# look it up\nprint(fetch_weather(\n    place=\"Pune\",\n    days=3,\n))\n");
        assertEquals("fetch_weather", call.function());
        assertEquals(json("{\"place\": \"Pune\", \"days\": 3}"), call.arguments());
        assertEquals(List.of("unwrapped the print(…) around the call"), call.notes());
        assertTrue(ToolCodeParser.parse("list_expenses()").arguments().isEmpty());
    }

    @Test
    void positionalArgumentsAreRejected() {
        assertEquals("The call to fetch_weather in the tool_code block has a positional argument; write every argument "
                + "as name=value, like fetch_weather(place=\"Pune\", days=3).", problem("fetch_weather(\"Pune\", days=3)"));
        assertTrue(problem("print(\"hello\")").contains("positional argument"));
    }

    @Test
    void attributeCallsAndExpressionsAreRejected() {
        assertTrue(problem("default_api.fetch_weather(place=\"Pune\")").startsWith("The tool_code block calls a method"));
        assertTrue(problem("1 + 2").startsWith("The tool_code block is not a function call"));
        assertTrue(problem("x = fetch_weather(place=\"Pune\")").startsWith("The tool_code block is not a function call"));
        assertTrue(problem("f(a=1)\ng(b=2)").contains("more than one call"));
        assertTrue(problem("f(a=1); g(b=2)").contains("`;`"));
        assertTrue(problem("f(a=g(1))").startsWith("The argument `a` of f in the tool_code block is not a literal value"));
        assertTrue(problem("f(a=x)").contains("not a literal value"));
        assertTrue(problem("f(a=1 + 2)").contains("not closed correctly"));
        assertTrue(problem("f(a=f\"{x}\")").contains("f-string"));
        assertTrue(problem("f(a=b\"x\")").contains("bytes"));
        assertTrue(problem("f(a=\"open)").contains("never closed"));
        assertTrue(problem("f(a=1, a=2)").contains("twice"));
        assertTrue(problem("f(a={1: 2})").contains("not a string"));
        assertTrue(problem("f(a=3j)").contains("not a number"));
        assertTrue(problem("  ").contains("empty"));
    }

    @Test
    void nothingIsEverExecuted(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ran");
        String escape = "__import__('os').system('touch " + marker + "')";
        assertTrue(problem("f(a=" + escape + ")").contains("not a literal value"));
        assertTrue(problem(escape).contains("positional argument"));
        assertTrue(Files.notExists(marker));
    }

    @Test
    void toolCodeBlocksInAReply() {
        ParsedReply r = new ReplyParser().parse("```tool_code\nprint(fetch_weather(place=\"Pune\"))\n```\n"
                + "```tool_code\nfetch_weather(\"Pune\")\n```\n```tool_code\nconvert(amount=2)\n```\n");
        assertEquals(2, r.calls().size());
        FunctionCall first = r.calls().get(0);
        assertEquals(CallSource.TOOL_CODE, first.source());
        assertEquals("call_1", first.idText());
        assertEquals(List.of("unwrapped the print(…) around the call",
                "gave the call the id \"call_1\" because tool_code calls carry none"), first.repairs());
        assertEquals("call_2", r.calls().get(1).idText());
        assertEquals(1, r.malformed().size());
        assertTrue(r.malformed().get(0).problem().contains("positional argument"));
    }

    @Test
    void thousandsOfNestedBracketsGiveASentenceNotAStackOverflow() {
        for (String[] brackets : new String[][] {{"[", "]"}, {"(", ",)"}, {"{\"k\": ", "}"}}) {
            String code = "fn(a=" + brackets[0].repeat(5_000) + "1" + brackets[1].repeat(5_000) + ")";
            String sentence = problem(code);
            assertTrue(sentence.contains("`a` of fn") && sentence.contains("nested deeper than 64 levels"), sentence);
        }
        String prints = "print(".repeat(5_000) + "fn(a=1)" + ")".repeat(5_000);
        assertTrue(problem(prints).contains("nested deeper than 64 levels"), problem(prints));
        assertTrue(problem("fn(a=" + "[".repeat(5_000)).contains("nested deeper than 64 levels"));
    }

    @Test
    void nestingUpToTheLimitIsRead() throws Exception {
        // The arguments object is the first level, so a value may open 63 more.
        JsonNode deepest = ToolCodeParser.parse("fn(a=" + "[".repeat(63) + "1" + "]".repeat(63) + ")").arguments();
        assertEquals(json("{\"a\": " + "[".repeat(63) + "1" + "]".repeat(63) + "}"), deepest);
        assertTrue(problem("fn(a=" + "[".repeat(64) + "1" + "]".repeat(64) + ")").contains("nested deeper than 64"));
        ToolCodeParser.ToolCall wrapped = ToolCodeParser.parse("print(print(fn(a=(1, [2]),),))");
        assertEquals(json("{\"a\": [1, [2]]}"), wrapped.arguments());
        assertEquals(List.of("unwrapped the print(…) around the call"), wrapped.notes());
    }
}
