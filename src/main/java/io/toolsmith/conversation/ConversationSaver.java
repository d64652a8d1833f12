package io.toolsmith.conversation;

import io.toolsmith.util.UserFacingException;

/** Where the turn loop saves the conversation after each message (the store, or a file named on the command line). */
@FunctionalInterface
public interface ConversationSaver {
    void save(Conversation conversation) throws UserFacingException;
}
