package io.toolsmith.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.toolsmith.util.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionOutputTest {

    @Test
    void blockLayout() {
        assertEquals("```function_output\n{\n  \"id\": \"1\",\n  \"result\": true\n}\n```",
                FunctionOutput.result(TextNode.valueOf("1"), (JsonNode) Json.MAPPER.getNodeFactory().booleanNode(true))
                        .toBlock());
        assertEquals("```function_output\n{\n  \"id\": 3,\n  \"error\": {\n    \"name\": \"InvalidDateError\",\n"
                        + "    \"message\": \"Use YYYY-MM-DD.\"\n  }\n}\n```",
                FunctionOutput.error(IntNode.valueOf(3), "InvalidDateError", "Use YYYY-MM-DD.").toBlock());
        assertTrue(FunctionOutput.result(IntNode.valueOf(4), (JsonNode) null).toBlock().contains("\"result\": null"));
    }

    @Test
    void roundTripThroughTheParserKeepsIdTypes() throws Exception {
        ParsedReply reply = new ReplyParser().parse("```function_call\n{\"id\": 1, \"function\": \"a\", \"parameters\": {}}\n```\n"
                + "```function_call\n{\"id\": \"1\", \"function\": \"b\", \"parameters\": {}}\n```\n");
        List<FunctionOutput> outputs = List.of(
                FunctionOutput.result(reply.calls().get(0).id(), Map.of("rows", List.of(1, 2))),
                FunctionOutput.error(reply.calls().get(1).id(), "KeyError", "'b'"));
        String message = FunctionOutput.toMessage(outputs);

        ParsedReply back = new ReplyParser().parse(message);
        assertEquals(2, back.blocks().size());
        JsonNode first = Json.MAPPER.readTree(back.blocks().get(0).content());
        JsonNode second = Json.MAPPER.readTree(back.blocks().get(1).content());
        assertTrue(first.get("id").isInt());
        assertEquals(Json.MAPPER.readTree("{\"rows\": [1, 2]}"), first.get("result"));
        assertTrue(second.get("id").isTextual());
        assertEquals("1", second.get("id").asText());
        assertEquals("KeyError", second.get("error").get("name").asText());
        assertEquals(List.of("id", "error"), iterable(second.fieldNames()));
    }

    @Test
    void emptyContainersStayCompact() throws Exception {
        assertEquals("```function_output\n{\n  \"id\": 1,\n  \"result\": {\n    \"rows\": [],\n    \"meta\": {}\n  }\n}\n```",
                FunctionOutput.result(IntNode.valueOf(1), Json.MAPPER.readTree("{\"rows\": [], \"meta\": {}}")).toBlock());
    }

    @Test
    void exactlyOneOfResultOrError() {
        assertThrows(IllegalArgumentException.class,
                () -> new FunctionOutput(IntNode.valueOf(1), TextNode.valueOf("x"), new ErrorInfo("E", "m")));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        java.util.ArrayList<String> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
