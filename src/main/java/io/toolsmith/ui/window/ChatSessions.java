package io.toolsmith.ui.window;

import io.toolsmith.conversation.ChatPreset;
import io.toolsmith.conversation.Message;
import io.toolsmith.conversation.PromptCount;
import io.toolsmith.ui.chat.ChatEngine;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.chat.MessageViewModel;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.Sentences;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.util.UserFacingException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@link ChatViewModel} per opened conversation, so a turn keeps streaming into its own chat
 * while the user looks at another. History is loaded in the background on first open. At most {@link #KEPT} chats
 * stay open: the one opened longest ago goes first, never the one in view or one whose reply is still coming; it is
 * loaded again when opened again. FX thread only.
 */
public final class ChatSessions {
    private final ChatEngine engine;
    private final ConversationCatalog store;
    private final BackgroundExecutor background;
    private final UiExecutor ui;
    /** Chats kept open: the ones switched between, each holding its whole history. */
    public static final int KEPT = 8;
    /** In access order: the first is the chat opened longest ago. */
    private final Map<String, ChatViewModel> open = new LinkedHashMap<>(16, 0.75f, true);
    private String inView;
    private final Consumer<ChatViewModel> onCreated;

    public ChatSessions(ChatEngine engine, ConversationCatalog store, BackgroundExecutor background, UiExecutor ui,
                        Consumer<ChatViewModel> onCreated) {
        this.engine = engine;
        this.store = store;
        this.background = background;
        this.ui = ui;
        this.onCreated = onCreated;
    }

    public ChatViewModel open(String conversationId) {
        inView = conversationId;
        ChatViewModel existing = open.get(conversationId);
        if (existing != null) {
            return existing;
        }
        ChatViewModel chat = new ChatViewModel(conversationId, engine, ui);
        open.put(conversationId, chat);
        closeIdleChatsOverTheLimit();
        onCreated.accept(chat);
        background.run(() -> History.of(store, conversationId), history -> {
            if (chat.messages().isEmpty()) {
                // Calls first, so each card shows its saved outcome when it is drawn.
                chat.setHistory(history.messages().stream().map(saved -> {
                    Message m = saved.message();
                    var message = new MessageViewModel(conversationId, MessageRole.of(m.kind()), m.content(), saved.images());
                    m.calls().stream().map(TurnEvent.CallUpdate::of)
                            .forEach(update -> message.call(update.callId()).apply(update));
                    return message;
                }).toList());
                if (history.canContinue()) {
                    chat.offerContinue();
                }
                chat.showStoredCounts(history.lastPrompt());
            }
            chat.showPreset(history.preset());
        }, error -> chat.problemProperty().set(Sentences.of(error)));
        return chat;
    }

    private void closeIdleChatsOverTheLimit() {
        int over = open.size() - KEPT;
        for (Iterator<Map.Entry<String, ChatViewModel>> oldestFirst = open.entrySet().iterator();
             over > 0 && oldestFirst.hasNext(); ) {
            Map.Entry<String, ChatViewModel> entry = oldestFirst.next();
            if (!entry.getKey().equals(inView) && entry.getValue().state() == ChatState.IDLE) {
                oldestFirst.remove();
                over--;
            }
        }
    }

    /** Whether the chat's view model is kept (for tests of the limit). */
    boolean isOpen(String conversationId) {
        return open.containsKey(conversationId);
    }

    /** A chat's saved messages with the files of their images, read on the background executor. */
    private record History(List<Shown> messages, boolean canContinue, PromptCount lastPrompt, ChatPreset preset) {
        static History of(ConversationCatalog store, String id) throws UserFacingException {
            List<Shown> shown = store.messages(id).stream().map(m -> new Shown(m, store.images(m))).toList();
            return new History(shown, store.canContinue(id), store.lastPrompt(id), store.preset(id));
        }
    }

    private record Shown(Message message, List<Path> images) {
    }

    /** Forgets a deleted conversation's chat, stopping its turn. */
    /**
     * Whether the chat, as the window has it now, has no messages and no reply coming: its listed message count
     * is only updated after a turn. A chat not open here is taken at its listed count. Does not count as a use.
     */
    public boolean emptyNow(String conversationId) {
        for (Map.Entry<String, ChatViewModel> e : open.entrySet()) {
            if (e.getKey().equals(conversationId)) {
                ChatViewModel chat = e.getValue();
                return chat.messages().isEmpty() && chat.state() == io.toolsmith.ui.chat.ChatState.IDLE;
            }
        }
        return true;
    }

    public void close(String conversationId) {
        ChatViewModel chat = open.remove(conversationId);
        if (chat != null) {
            chat.stop();
        }
    }
}
