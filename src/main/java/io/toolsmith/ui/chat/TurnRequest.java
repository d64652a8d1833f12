package io.toolsmith.ui.chat;

import java.nio.file.Path;
import java.util.List;

/** One user turn as the chat hands it to the engine. {@code model} may be null when none is chosen. */
public record TurnRequest(String conversationId, String model, String text, List<Path> images) {
    public TurnRequest {
        images = List.copyOf(images);
    }
}
