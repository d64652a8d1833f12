package io.toolsmith.agent;

import io.toolsmith.conversation.ChatCut;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Message;
import io.toolsmith.data.DataRewind;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What can be done to a chat's messages, the same for the window and the command line: regenerate the last reply,
 * edit a message of the user's and send it again, delete a message, fork the chat from a message. Each change goes
 * through the chat's {@link ConversationSession} within one of its turns (so it holds the chat file's lock and has
 * read what another process saved), and is planned there, on the messages as they are then.
 *
 * <p>The dropped part may have run calls that changed the data folder. {@link #preview} says what they changed; with
 * {@code restoreData} the folder is put back as it was before the earliest of them (a snapshot is taken first, so
 * that can be undone too). Off unless asked for: the data is the user's, and a later turn may rely on it.
 */
public final class MessageActions {
    private final DataRewind rewind;

    public MessageActions(DataSnapshots snapshots) {
        this.rewind = new DataRewind(snapshots);
    }

    /** Which messages an action drops. */
    public enum Action { REGENERATE, EDIT, DELETE }

    /**
     * What the action would drop, and what the calls in it changed in the data folder (empty when no dropped call
     * ran). Takes a snapshot of the folder to compare; changes nothing else.
     *
     * @param index the message acted on (ignored for {@link Action#REGENERATE}, which acts on the last reply)
     */
    public Optional<DataRewind.Preview> preview(ConversationSession session, Action action, int index)
            throws UserFacingException {
        ChatCut cut = plan(session.messages(), action, index);
        Optional<String> snapshot = cut.snapshotBeforeCalls();
        return snapshot.isEmpty() ? Optional.empty() : Optional.of(rewind.preview(snapshot.get()));
    }

    /** What a rewind did to the data: null fields when the data was left as it was. */
    public record Rewound(DataRewind.Preview preview, DataSnapshots.Restored restore) {
        static final Rewound NONE = new Rewound(null, null);

        public boolean restored() {
            return restore != null;
        }
    }

    /** A turn run again (regenerated or sent edited), and what was done to the data first. */
    public record Resent(TurnResult turn, Rewound rewound) {
    }

    /**
     * Drops the last reply (its text, calls and their results) and runs the turn again from the last user message.
     *
     * @param restoreData put the data folder back as it was before the dropped calls first
     */
    public Resent regenerate(ConversationSession session, TurnLoop loop, boolean restoreData, TurnListener listener,
                             Cancellation cancel) throws UserFacingException {
        return regenerate(session, loop, restoreData, rewound -> { }, listener, cancel);
    }

    /** As above; {@code cutMade} hears what was done to the data once the reply left the chat, before the new one. */
    public Resent regenerate(ConversationSession session, TurnLoop loop, boolean restoreData,
                             Consumer<Rewound> cutMade, TurnListener listener, Cancellation cancel)
            throws UserFacingException {
        try (ConversationSession.Turn ignored = session.beginTurn()) {
            ChatCut cut = ChatCut.regenerate(session.messages());
            Rewound rewound = cut(session, cut, restoreData);
            cutMade.accept(rewound);
            return new Resent(loop.resume(session, listener, cancel), rewound);
        }
    }

    /**
     * Replaces the user message at {@code index} (and drops everything after it) by {@code text}, keeping its images,
     * and runs the turn from there.
     *
     * @param expected the text the user saw in that message: a chat that changed meanwhile is refused, not edited
     */
    public Resent edit(ConversationSession session, TurnLoop loop, int index, String expected, String text,
                       boolean restoreData, TurnListener listener, Cancellation cancel) throws UserFacingException {
        return edit(session, loop, index, expected, text, restoreData, rewound -> { }, listener, cancel);
    }

    /** As above; {@code cutMade} hears what was done to the data once the old message left the chat. */
    public Resent edit(ConversationSession session, TurnLoop loop, int index, String expected, String text,
                       boolean restoreData, Consumer<Rewound> cutMade, TurnListener listener, Cancellation cancel)
            throws UserFacingException {
        String sent = text == null ? "" : text.strip();
        if (sent.isEmpty()) {
            throw new UserFacingException("The edited message is empty; write what to send, or delete the message.");
        }
        try (ConversationSession.Turn ignored = session.beginTurn()) {
            List<Message> messages = session.messages();
            ChatCut cut = index < 0 ? ChatCut.editLast(messages) : ChatCut.edit(messages, index);
            checkExpected(cut, expected);
            Rewound rewound = cut(session, cut, restoreData);
            cutMade.accept(rewound);
            return new Resent(loop.run(session, sent, cut.resend().images(), listener, cancel), rewound);
        }
    }

    /** Deletes the message at {@code index} (a reply with the results of its calls). */
    public Rewound delete(ConversationSession session, int index, String expected, boolean restoreData)
            throws UserFacingException {
        try (ConversationSession.Turn ignored = session.beginTurn()) {
            ChatCut cut = ChatCut.delete(session.messages(), index);
            checkExpected(cut, expected);
            return cut(session, cut, restoreData);
        }
    }

    /**
     * A new chat with the messages up to and including {@code index}, titled "… (fork)", saved in {@code store};
     * the original is not changed.
     */
    public Conversation fork(ConversationSession session, ConversationStore store, int index)
            throws UserFacingException {
        List<Message> messages = session.messages();
        if (index < 0 || index >= messages.size()) {
            throw new UserFacingException("This chat has no message " + (index + 1) + " to fork from (it has "
                    + messages.size() + "); look at the chat again and choose one of its messages.");
        }
        Conversation fork = session.conversation().fork(index);
        store.session(fork).save();
        return fork;
    }

    private static ChatCut plan(List<Message> messages, Action action, int index) throws UserFacingException {
        return switch (action) {
            case REGENERATE -> ChatCut.regenerate(messages);
            case EDIT -> index < 0 ? ChatCut.editLast(messages) : ChatCut.edit(messages, index);
            case DELETE -> ChatCut.delete(messages, index);
        };
    }

    private static void checkExpected(ChatCut cut, String expected) throws UserFacingException {
        if (expected != null && !cut.dropped().isEmpty() && !cut.dropped().get(0).content().equals(expected)) {
            throw new UserFacingException("The chat changed since it was shown (another Toolsmith saved it), so "
                    + "nothing was changed. Open the chat again and repeat the action.");
        }
    }

    /** Restores the data when asked (before anything leaves the chat: a failed restore keeps the chat), then cuts. */
    private Rewound cut(ConversationSession session, ChatCut cut, boolean restoreData) throws UserFacingException {
        Rewound rewound = Rewound.NONE;
        Optional<String> snapshot = cut.snapshotBeforeCalls();
        if (restoreData && snapshot.isPresent()) {
            DataRewind.Preview preview = rewind.preview(snapshot.get());
            rewound = new Rewound(preview, preview.changesData() ? rewind.restore(snapshot.get()) : null);
        }
        session.drop(cut);
        session.save();
        return rewound;
    }
}
