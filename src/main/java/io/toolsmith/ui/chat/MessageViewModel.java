package io.toolsmith.ui.chat;

import io.toolsmith.ui.markdown.MarkdownRenderer;
import io.toolsmith.ui.markdown.ParsedMarkdown;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One message in the chat list. The text grows while it streams. The parsed Markdown is cached
 * here (keyed by the text) so a list cell scrolled back into view renders without parsing again.
 * FX thread only.
 */
public final class MessageViewModel {
    private final String conversationId;
    private final MessageRole role;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final BooleanProperty streaming = new SimpleBooleanProperty(this, "streaming");
    private final List<Path> images;
    private ParsedMarkdown parsed;
    private boolean parsedIncrementally;
    private String blockCountText;
    private int blockCount;
    private StringBuilder buffer;
    /** The calls this reply made, by the id the model wrote: ids repeat across replies ("1" every time). */
    private final Map<String, CallViewModel> calls = new HashMap<>();

    public MessageViewModel(String conversationId, MessageRole role, String text, List<Path> images) {
        this.conversationId = conversationId;
        this.role = role;
        this.text.set(text == null ? "" : text);
        this.images = List.copyOf(images);
        // a reply parsed block by block while it streamed is parsed once in full when it ends
        streaming.addListener((obs, was, now) -> {
            if (!now && parsedIncrementally) {
                parsed = null;
                parsedIncrementally = false;
            }
        });
    }

    public String conversationId() {
        return conversationId;
    }

    public MessageRole role() {
        return role;
    }

    public ReadOnlyStringProperty textProperty() {
        return text;
    }

    public String text() {
        return text.get();
    }

    public List<Path> images() {
        return images;
    }

    public BooleanProperty streamingProperty() {
        return streaming;
    }

    /** Appends streamed text (one call per drained batch, not per token). */
    public void append(String delta) {
        if (buffer == null) {
            buffer = new StringBuilder(text.get());
        }
        buffer.append(delta);
        text.set(buffer.toString());
    }

    /** How many top-level blocks the current text has; parses no inline content unless already parsed. */
    public int blockCount(MarkdownRenderer renderer) {
        String now = text.get();
        if (parsed != null && parsed.text().equals(now)) {
            return parsed.blocks().size();
        }
        if (blockCountText == null || !blockCountText.equals(now)) {
            blockCount = renderer.countBlocks(now);
            blockCountText = now;
        }
        return blockCount;
    }

    /**
     * The Markdown of the current text, parsed once per text. While the message streams only the
     * last block is parsed again (the cost of a frame stays flat however long the reply grows).
     */
    /** The state of one of this reply's calls, created on first use (a card may appear before its first event). */
    public CallViewModel call(String callId) {
        return calls.computeIfAbsent(callId, CallViewModel::new);
    }

    public boolean hasCall(String callId) {
        return calls.containsKey(callId);
    }

    public ParsedMarkdown parsed(MarkdownRenderer renderer) {
        String now = text.get();
        if (parsed == null || !parsed.text().equals(now)) {
            boolean grew = parsed != null && streaming.get() && now.length() > parsed.text().length();
            parsed = grew ? renderer.parseAppended(parsed, now) : renderer.parse(now);
            parsedIncrementally |= grew;
        }
        return parsed;
    }
}
