package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTextTest {

    @Test
    void readsACallWithATrailingCommaAndAMissingBrace() {
        CallText.WrittenCall call = CallText.read(
                "{\"id\": \"call_1\", \"name\": \"record_expense\", \"arguments\": {\"category\": \"Travel\","
                + " \"amount\": 300.0,}").orElseThrow();
        assertEquals("call_1", call.id());
        assertEquals("record_expense", call.function());
        assertEquals(Map.of("category", "Travel", "amount", 300.0), call.arguments());
    }

    @Test
    void unreadableTextIsEmpty() {
        assertTrue(CallText.read("record_expense(category=\"Travel\")").isEmpty());
    }

    @Test
    void signatureReadsLikePythonAndShortensLongCalls() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("category", "Travel");
        args.put("amount", 300.0);
        args.put("paid", true);
        args.put("note", null);
        args.put("tags", java.util.List.of("a"));
        assertEquals("record_expense(category=\"Travel\", amount=300.0, paid=True, note=None, …)",
                CallText.signature("record_expense", args));
        args.clear();
        args.put("text", "x".repeat(100));
        assertEquals("f(text=\"" + "x".repeat(38) + "…)", CallText.signature("f", args));
    }

    @Test
    void aCompactJsonResultIsIndentedOneMemberALineAndOtherTextIsKept() {
        String result = "{\"recorded\":{\"amount\":300,\"category\":\"travel\",\"note\":\"cab ride home\"},\"count\":3}";
        String pretty = CallText.prettyJson(result);
        assertEquals(8, pretty.lines().count(), pretty);
        assertTrue(pretty.lines().allMatch(line -> line.length() < 40), pretty);
        assertTrue(pretty.contains("\"note\" : \"cab ride home\""), pretty);
        assertEquals("42", CallText.prettyJson("42"));
        assertEquals("not json {", CallText.prettyJson("not json {"));
    }
}
