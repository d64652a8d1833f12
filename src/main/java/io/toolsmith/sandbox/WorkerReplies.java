package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Turns the worker's reply lines into outcomes and sentences. */
final class WorkerReplies {
    private WorkerReplies() {
    }

    static CallOutcome outcome(JsonNode reply, Duration elapsed) {
        String output = reply.path("output").asText("");
        boolean truncated = reply.path("truncated").asBoolean(false);
        if (reply.path("ok").asBoolean()) {
            return new CallOutcome(true, reply.get("result"), null, output, truncated, elapsed);
        }
        return new CallOutcome(false, null, error(reply.path("error")), output, truncated, elapsed);
    }

    static ErrorInfo error(JsonNode error) {
        return new ErrorInfo(error.path("name").asText("Error"), error.path("message").asText(""),
                error.path("traceback").asText(""));
    }

    /** "The code of module expenses has a syntax error on line 3: invalid syntax." and the like. */
    static String defineFailure(String module, JsonNode error) {
        String name = error.path("name").asText("Error");
        String message = error.path("message").asText("");
        int line = error.path("line").asInt(0);
        String where = line > 0 ? " on line " + line : "";
        if (name.equals("NameTaken")) {
            return "The module name " + module + " is already used by Python itself; choose another name.";
        }
        if (name.equals("SyntaxError") || name.equals("IndentationError") || name.equals("TabError")) {
            return "The code of module " + module + " has a " + (name.equals("SyntaxError") ? "syntax error"
                    : name) + where + ": " + message + ".";
        }
        return "The code of module " + module + " failed while loading" + where + ": " + name
                + (message.isEmpty() ? "" : ": " + message) + ".";
    }
}
