package io.toolsmith.ui.chat;

import io.toolsmith.ui.code.CodeBlockView;
import io.toolsmith.ui.markdown.FenceRenderer;
import io.toolsmith.ui.markdown.LinkPolicy;
import io.toolsmith.ui.markdown.MarkdownRenderer;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Markdown renderers of the chat: the model's replies (thinking, call cards, and
 * function_output blocks flagged as written by the model) and the function results the app sent
 * back (shown as plain JSON code). The chat view model is looked up when a card is built, so one
 * renderer serves whichever conversation is shown. FX thread only.
 */
public final class ChatRenderers {
    private final MarkdownRenderer assistant;
    private final MarkdownRenderer results;
    private final MarkdownRenderer user;
    private MessageViewModel rendering;

    public ChatRenderers(LinkPolicy links, Executor highlightPool, Supplier<ChatViewModel> shownChat) {
        assistant = new MarkdownRenderer(links, highlightPool)
                .withFence("thinking", new ThinkingFence())
                .withFence("function_call", new CallFence(shownChat, () -> rendering, highlightPool))
                .withFence("function_output", (info, literal) -> modelWrittenOutput(literal, highlightPool));
        results = new MarkdownRenderer(links, highlightPool);
        user = new MarkdownRenderer(links, highlightPool).keepingLineBreaks();
    }

    /** Builds nodes of {@code message}: its call cards take the states of that reply's own calls. */
    public void renderFor(MessageViewModel message, Runnable render) {
        MessageViewModel before = rendering;
        rendering = message;
        try {
            render.run();
        } finally {
            rendering = before;
        }
    }

    public MarkdownRenderer forRole(MessageRole role) {
        return switch (role) {
            case ASSISTANT -> assistant;
            case USER -> user;
            default -> results;
        };
    }

    private static Node modelWrittenOutput(String literal, Executor pool) {
        Label note = new Label("Written by the model — not a real result");
        note.getStyleClass().add("fake-output-note");
        VBox card = new VBox(6, note, new CodeBlockView("function_output", literal, pool));
        card.getStyleClass().addAll("card", "fake-output");
        card.setId("fake-output");
        return card;
    }

    /** A collapsed "Thinking" pane; its label grows while the block streams. */
    private static final class ThinkingFence implements FenceRenderer {
        @Override
        public Node render(String info, String literal) {
            Label text = new Label(literal.strip());
            text.setWrapText(true);
            // A wrapping label inside a titled pane is otherwise given one line's height and cut with an ellipsis.
            text.setMinHeight(Region.USE_PREF_SIZE);
            TitledPane pane = new TitledPane("Thinking", text);
            pane.setId("thinking");
            pane.setExpanded(false);
            pane.setAnimated(false);
            return pane;
        }

        @Override
        public boolean update(Node existing, String info, String literal) {
            if (existing instanceof TitledPane pane && pane.getContent() instanceof Label label) {
                label.setText(literal.strip());
                return true;
            }
            return false;
        }
    }

    private record CallFence(Supplier<ChatViewModel> shownChat, Supplier<MessageViewModel> message, Executor pool)
            implements FenceRenderer {
        @Override
        public Node render(String info, String literal) {
            Optional<CallText.WrittenCall> call = CallText.read(literal);
            ChatViewModel chat = shownChat.get();
            if (call.isEmpty() || chat == null) {
                return new CodeBlockView(info, literal, pool);
            }
            String id = call.get().id().isBlank() ? "unnamed:" + literal.hashCode() : call.get().id();
            MessageViewModel owner = message.get();
            return new CallCard(call.get(), owner != null ? owner.call(id) : chat.call(id), chat, pool);
        }

        @Override
        public boolean update(Node existing, String info, String literal) {
            Optional<CallText.WrittenCall> call = CallText.read(literal);
            if (existing instanceof CallCard card && call.isPresent() && card.callId().equals(call.get().id())) {
                card.setWritten(call.get());
                return true;
            }
            return false;
        }
    }
}
