package io.toolsmith.ui.window;

import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.chat.TurnEvent;
import java.nio.file.Path;
import java.util.List;

/** A saved message as the chat shows it, with the final state of the calls a model reply made. */
public record StoredMessage(MessageRole role, String text, List<Path> images, List<TurnEvent.CallUpdate> calls) {
    public StoredMessage {
        images = List.copyOf(images);
        calls = List.copyOf(calls);
    }

    public StoredMessage(MessageRole role, String text, List<Path> images) {
        this(role, text, images, List.of());
    }
}
