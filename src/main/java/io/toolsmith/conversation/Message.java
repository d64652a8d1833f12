package io.toolsmith.conversation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * One message of a chat as stored.
 *
 * @param kind       who wrote it and why: the user, the model, or the app answering calls (as blocks or native tool results)
 * @param content    the text exactly as sent or received
 * @param images     base64 images attached by the user (vision models)
 * @param incomplete true when the reply was cut off (stopped by the user, a dropped stream, a server error)
 * @param calls      for model replies: the calls it made and what became of them
 * @param tokensPerSecond generation speed reported by the server for a model reply, 0 when unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Message(Kind kind, String content, List<String> images, Instant time, boolean incomplete,
                      List<CallRecord> calls, double tokensPerSecond) {

    public enum Kind {
        USER, ASSISTANT, FUNCTION_OUTPUTS,
        /** Results of native tool calls, sent as {@code tool} messages; content is a JSON array of {id, function, content}. */
        TOOL_RESULTS;

        /** The chat role this kind is sent with. */
        public String role() {
            return this == ASSISTANT ? "assistant" : "user";
        }
    }

    public Message {
        images = images == null ? List.of() : List.copyOf(images);
        calls = calls == null ? List.of() : List.copyOf(calls);
        content = content == null ? "" : content;
    }

    public static Message user(String text, List<String> images) {
        return new Message(Kind.USER, text, images, Instant.now(), false, List.of(), 0);
    }

    public static Message functionOutputs(String text) {
        return new Message(Kind.FUNCTION_OUTPUTS, text, List.of(), Instant.now(), false, List.of(), 0);
    }

    public static Message toolResults(String json) {
        return new Message(Kind.TOOL_RESULTS, json, List.of(), Instant.now(), false, List.of(), 0);
    }

    public static Message assistant(String text, boolean incomplete, double tokensPerSecond) {
        return new Message(Kind.ASSISTANT, text, List.of(), Instant.now(), incomplete, List.of(), tokensPerSecond);
    }

    public Message withCalls(List<CallRecord> newCalls) {
        return new Message(kind, content, images, time, incomplete, newCalls, tokensPerSecond);
    }
}
