package io.toolsmith.ui.chat;

import java.nio.file.Path;
import java.util.List;

/**
 * One user turn as the chat hands it to the engine. {@code model} may be null when none is chosen. With
 * {@code resume}, there is no new text: the chat's failed turn goes on from what it stored.
 */
public record TurnRequest(String conversationId, String model, String text, List<Path> images, boolean resume) {
    public TurnRequest {
        images = List.copyOf(images);
    }

    public TurnRequest(String conversationId, String model, String text, List<Path> images) {
        this(conversationId, model, text, images, false);
    }

    /** Goes on with the chat's failed turn. */
    public static TurnRequest resume(String conversationId, String model) {
        return new TurnRequest(conversationId, model, "", List.of(), true);
    }
}
