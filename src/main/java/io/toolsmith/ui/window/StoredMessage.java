package io.toolsmith.ui.window;

import io.toolsmith.ui.chat.MessageRole;
import java.nio.file.Path;
import java.util.List;

/** A saved message as the chat shows it. */
public record StoredMessage(MessageRole role, String text, List<Path> images) {
    public StoredMessage {
        images = List.copyOf(images);
    }
}
