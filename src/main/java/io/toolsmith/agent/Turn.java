package io.toolsmith.agent;

import io.toolsmith.context.ContextWindow;
import io.toolsmith.context.FunctionOffer;
import io.toolsmith.context.RequestComposer;
import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.conversation.Message;
import io.toolsmith.util.Cancellation;

/** One turn in progress: whom to tell, how to stop, and whether the first reply replaces a broken-off one. */
final class Turn {
    final ConversationSession session;
    final TurnListener listener;
    final Cancellation cancel;
    boolean replacesBrokenReply;
    /** What fits the context window; set when the turn starts. */
    RequestComposer composer;
    ContextWindow window;
    /** The settings with the chat's own system prompt and options, fixed when the turn starts. */
    TurnLoop.TurnSettings settings;
    /** The specs this turn offers, decided at its first request. */
    FunctionOffer offer;

    Turn(ConversationSession session, TurnListener listener, Cancellation cancel, boolean replacesBrokenReply) {
        this.session = session;
        this.listener = listener;
        this.cancel = cancel;
        this.replacesBrokenReply = replacesBrokenReply;
    }

    /** Adds a reply; the first one of a continued turn takes the place of the reply that broke off. */
    void store(Message reply) {
        if (replacesBrokenReply) {
            session.replaceLast(reply);
            replacesBrokenReply = false;
        } else {
            session.add(reply);
        }
    }
}
