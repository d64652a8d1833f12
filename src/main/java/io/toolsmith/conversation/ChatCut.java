package io.toolsmith.conversation;

import io.toolsmith.util.UserFacingException;
import java.util.List;
import java.util.Optional;

/**
 * The messages an action on a chat drops: regenerating the last reply, editing a user message and sending it again,
 * or deleting a message. Planned from the messages as they are, applied by {@link ConversationSession#drop}, which
 * checks they are still there. The calls in the dropped part may have changed the data folder: {@link
 * #snapshotBeforeCalls()} names the snapshot taken before the earliest of them, which a rewind puts the data back to.
 *
 * @param from    the first dropped message
 * @param to      one past the last dropped message
 * @param dropped the dropped messages, as they were when planned
 * @param resend  for an edit or a regeneration, the user message that is sent (again) once the cut is made
 */
public record ChatCut(int from, int to, List<Message> dropped, Message resend) {

    public ChatCut {
        dropped = List.copyOf(dropped);
    }

    /** Regenerating the last reply: everything after the last user message goes, and that message is sent again. */
    public static ChatCut regenerate(List<Message> messages) throws UserFacingException {
        int user = lastUser(messages);
        if (user < 0) {
            throw new UserFacingException("There is no reply to regenerate: this chat has no message of yours yet.");
        }
        return new ChatCut(user + 1, messages.size(), messages.subList(user + 1, messages.size()), messages.get(user));
    }

    /** Editing the user message at {@code index}: it and everything after it go, and the edited text is sent instead. */
    public static ChatCut edit(List<Message> messages, int index) throws UserFacingException {
        checkIndex(messages, index);
        if (messages.get(index).kind() != Message.Kind.USER) {
            throw new UserFacingException("Only your own messages can be edited; to get another reply, regenerate it.");
        }
        return new ChatCut(index, messages.size(), messages.subList(index, messages.size()), messages.get(index));
    }

    /** Editing the last user message. */
    public static ChatCut editLast(List<Message> messages) throws UserFacingException {
        int user = lastUser(messages);
        if (user < 0) {
            throw new UserFacingException("There is no message of yours to edit in this chat; send one instead.");
        }
        return edit(messages, user);
    }

    /**
     * Deleting the message at {@code index}. A model reply goes with the function results answering its calls (they
     * mean nothing without the calls); those results cannot be deleted on their own.
     */
    public static ChatCut delete(List<Message> messages, int index) throws UserFacingException {
        checkIndex(messages, index);
        Message message = messages.get(index);
        if (isResults(message)) {
            throw new UserFacingException("Function results belong to the reply whose calls they answer; delete that "
                    + "reply instead and its results go with it.");
        }
        int to = index + 1;
        if (message.kind() == Message.Kind.ASSISTANT) {
            while (to < messages.size() && isResults(messages.get(to))) {
                to++;
            }
        }
        return new ChatCut(index, to, messages.subList(index, to), null);
    }

    /** Whether any dropped call ran (and so may have changed the data folder). */
    public boolean ranCalls() {
        return snapshotBeforeCalls().isPresent();
    }

    /**
     * The snapshot taken before the earliest dropped call that ran: putting the data folder back to it undoes what
     * every dropped call did (and anything done to the folder since). Empty when no dropped call ran, or when they
     * ran before chats noted their snapshots.
     */
    public Optional<String> snapshotBeforeCalls() {
        return dropped.stream().flatMap(m -> m.calls().stream()).map(CallRecord::snapshot)
                .filter(s -> s != null && !s.isBlank()).findFirst();
    }

    private static boolean isResults(Message message) {
        return message.kind() == Message.Kind.FUNCTION_OUTPUTS || message.kind() == Message.Kind.TOOL_RESULTS;
    }

    private static int lastUser(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).kind() == Message.Kind.USER) {
                return i;
            }
        }
        return -1;
    }

    private static void checkIndex(List<Message> messages, int index) throws UserFacingException {
        if (index < 0 || index >= messages.size()) {
            throw new UserFacingException("This chat has no message " + (index + 1) + " (it has " + messages.size()
                    + "); look at the chat again and choose one of its messages.");
        }
    }
}
