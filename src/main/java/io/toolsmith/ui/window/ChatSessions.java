package io.toolsmith.ui.window;

import io.toolsmith.ui.chat.ChatEngine;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.chat.MessageViewModel;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
import io.toolsmith.ui.common.UiExecutor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@link ChatViewModel} per opened conversation, so a turn keeps streaming into its own chat
 * while the user looks at another. History is loaded in the background on first open.
 * FX thread only.
 */
public final class ChatSessions {
    private final ChatEngine engine;
    private final ConversationStore store;
    private final BackgroundExecutor background;
    private final UiExecutor ui;
    private final Map<String, ChatViewModel> open = new HashMap<>();
    private final Consumer<ChatViewModel> onCreated;

    public ChatSessions(ChatEngine engine, ConversationStore store, BackgroundExecutor background, UiExecutor ui,
                        Consumer<ChatViewModel> onCreated) {
        this.engine = engine;
        this.store = store;
        this.background = background;
        this.ui = ui;
        this.onCreated = onCreated;
    }

    public ChatViewModel open(String conversationId) {
        ChatViewModel existing = open.get(conversationId);
        if (existing != null) {
            return existing;
        }
        ChatViewModel chat = new ChatViewModel(conversationId, engine, ui);
        open.put(conversationId, chat);
        onCreated.accept(chat);
        background.run(() -> new History(store.messages(conversationId), store.canContinue(conversationId)), history -> {
            List<StoredMessage> messages = history.messages();
            if (chat.messages().isEmpty()) {
                // Calls first, so each card shows its saved outcome when it is drawn.
                chat.setHistory(messages.stream().map(m -> {
                    MessageViewModel message = new MessageViewModel(conversationId, m.role(), m.text(), m.images());
                    m.calls().forEach(update -> message.call(update.callId()).apply(update));
                    return message;
                }).toList());
                if (history.canContinue()) {
                    chat.offerContinue();
                }
            }
        }, error -> chat.problemProperty().set(Sentences.of(error)));
        return chat;
    }

    private record History(List<StoredMessage> messages, boolean canContinue) {
    }

    /** Forgets a deleted conversation's chat, stopping its turn. */
    public void close(String conversationId) {
        ChatViewModel chat = open.remove(conversationId);
        if (chat != null) {
            chat.stop();
        }
    }
}
