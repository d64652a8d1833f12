package io.toolsmith.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Helpers shared by the clients to turn error bodies and socket failures into readable text. */
final class ErrorBodies {
    private static final int MAX_SHOWN = 300;

    private ErrorBodies() {
    }

    /**
     * The error text of a body: {@code {"error":"…"}} (Ollama), {@code {"error":{"message":…}}} (OpenAI),
     * or the raw text when the body is not JSON. Empty when the body is empty.
     */
    static String message(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode error = Json.MAPPER.readTree(trimmed).get("error");
                if (error != null && error.isTextual()) {
                    return error.asText();
                }
                if (error != null && error.path("message").isTextual()) {
                    return error.path("message").asText();
                }
            } catch (IOException e) {
                // not JSON after all: show it as text
            }
        }
        return trimmed.length() > MAX_SHOWN ? trimmed.substring(0, MAX_SHOWN) + "…" : trimmed;
    }

    /** True when the body is JSON carrying an error: such a body comes from the expected kind of server. */
    static boolean isJsonError(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (!trimmed.startsWith("{")) {
            return false;
        }
        try {
            return Json.MAPPER.readTree(trimmed).has("error");
        } catch (IOException e) {
            return false;
        }
    }

    /** Server text placed inside a sentence: no trailing full stop, so the sentence can go on. */
    static String clause(String text) {
        String s = text == null ? "" : text.strip();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Why a connection could not be made at all, or null when the failure happened later. */
    static String unreachable(IOException e, String serverName, String endpoint, String startHint) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return serverName + " is not running at " + endpoint + ". " + startHint;
        }
        if (e instanceof UnknownHostException) {
            return "The host of " + endpoint + " cannot be found. Check the address (--host or OLLAMA_HOST) "
                    + "and try again.";
        }
        if (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).toLowerCase().contains("connect")) {
            return "Nothing answered at " + endpoint + " in time. Check that " + serverName
                    + " is running and reachable, then try again.";
        }
        if (e instanceof java.io.InterruptedIOException) {
            // Only the short requests (model list, capabilities) have a read timeout; chats wait for model loads.
            return "The server at " + endpoint + " accepted the connection but did not answer in time. Check that it is "
                    + serverName + " and that it is not stuck, then try again.";
        }
        return null;
    }
}
