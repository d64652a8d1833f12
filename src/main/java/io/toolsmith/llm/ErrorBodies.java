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

    /** True when the body is Ollama's error shape, {@code {"error": "text"}}; OpenAI-style servers nest an object. */
    static boolean isOllamaError(String body) {
        JsonNode error = errorNode(body);
        return error != null && error.isTextual();
    }

    /** The OpenAI-style error type ({@code "exceed_context_size_error"}, …), or empty. */
    static String type(String body) {
        JsonNode error = errorNode(body);
        return error != null && error.path("type").isTextual() ? error.path("type").asText() : "";
    }

    /** True when the server's words say that the prompt does not fit in the context window. */
    static boolean isContextFull(String type, String message) {
        String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        return type.equals("exceed_context_size_error") || text.contains("exceeds the available context size")
                || text.contains("maximum context length") || text.contains("larger than the max context size")
                || text.contains("context length exceeded") || text.contains("context_length_exceeded");
    }

    /** True when the server's words say that it has no model of that name (llama-server's router, vLLM, LM Studio). */
    static boolean isUnknownModel(String message) {
        String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        return text.matches("(?s).*\\bmodel\\b.*\\b(not found|does not exist|not loaded|is not found|unknown)\\b.*");
    }

    private static JsonNode errorNode(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(trimmed).get("error");
        } catch (IOException e) {
            return null;
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
