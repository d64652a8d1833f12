package io.toolsmith.llm;

/**
 * What can truthfully be said of the model server, from the outcomes of the requests made to it: the model list
 * ({@link #listed}, {@link #listingFailed}) and each chat request ({@link #chat}). A server can answer the model list
 * and still fail every chat request (a model that does not fit in memory, a broken runner): the list alone does not
 * make it {@link State#CONNECTED} again after a chat request failed; only a chat request that succeeds does. So such a
 * server stays {@link State#CHAT_FAILING}, with the server's own sentence, instead of flipping between connected and
 * not as each listing and each chat request answer differently. Not thread-safe: one thread (the window's) asks it.
 */
public final class ServerHealth {

    public enum State {
        /** The model list is being asked for. */
        CHECKING,
        /** The list answered with a model that can chat, and no chat request failed since the last that succeeded. */
        CONNECTED,
        /** The server answers, but the last chat request failed on the server's side; a warning, not a disconnection. */
        CHAT_FAILING,
        /** Nothing answers, or the connection broke. */
        UNREACHABLE,
        /** The server answers but has no model that can chat. */
        NO_MODELS
    }

    /** How a chat request ended, as far as the server's health goes. */
    public enum ChatOutcome {
        /** The reply came. */
        SUCCEEDED,
        /** The server refused the request itself (a model it does not have, a conversation too long): it works. */
        REQUEST_REFUSED,
        /** The server answered with an error of its own: an HTTP error status, or an error in the stream. */
        SERVER_FAILED,
        /** The reply broke off before the server said it was done. */
        BROKE_OFF,
        /** Nothing answered. */
        UNREACHABLE;

        public static ChatOutcome of(LlmException.Kind kind) {
            return switch (kind) {
                case UNREACHABLE -> UNREACHABLE;
                case INCOMPLETE -> BROKE_OFF;
                case HTTP, STREAM_ERROR -> SERVER_FAILED;
                case MODEL_NOT_FOUND, CONTEXT_FULL, CANCELLED -> REQUEST_REFUSED;
            };
        }

        /** Whether the server answered at all. */
        public boolean reached() {
            return this != UNREACHABLE && this != BROKE_OFF;
        }
    }

    private final String host;
    private State state = State.CHECKING;
    private String sentence = "";
    /** Why the last chat request failed, until one succeeds; null when none failed since the last success. */
    private String chatFailure;

    public ServerHealth(String host) {
        this.host = host;
    }

    public State state() {
        return state;
    }

    /** The state in words, for the connection label's tooltip and the banner. */
    public String sentence() {
        return sentence;
    }

    public void checking() {
        set(State.CHECKING, "Connecting to " + host + " …");
    }

    /**
     * The model list answered. {@code cannotChat} is why none of its models can chat (none at all, or embedding models
     * only), or null when one can.
     */
    public void listed(String cannotChat) {
        if (cannotChat != null) {
            set(State.NO_MODELS, cannotChat);
        } else {
            answering();
        }
    }

    /** The model list did not answer: the server is away, and one that answers again was started again. */
    public void listingFailed(String reason) {
        chatFailure = null;
        set(State.UNREACHABLE, reason);
    }

    /** A chat request ended with {@code outcome}; {@code reason} is the failure's sentence (null on success). */
    public void chat(ChatOutcome outcome, String reason) {
        switch (outcome) {
            case SUCCEEDED -> {
                chatFailure = null;
                if (state == State.UNREACHABLE || state == State.CHAT_FAILING) {
                    answering();
                }
            }
            case REQUEST_REFUSED -> {
                if (state == State.UNREACHABLE) {
                    answering();
                }
            }
            case SERVER_FAILED -> {
                chatFailure = reason;
                answering();
            }
            case BROKE_OFF -> {
                // Perhaps the server went away, perhaps it breaks every reply: until a reply comes whole, a model list
                // that answers does not make it plainly connected.
                chatFailure = reason;
                set(State.UNREACHABLE, reason);
            }
            case UNREACHABLE -> {
                // A server that answers again was started again: what failed before says nothing of it.
                chatFailure = null;
                set(State.UNREACHABLE, reason);
            }
        }
    }

    /** The server answers: connected, unless a chat request failed since the last one that succeeded. */
    private void answering() {
        if (chatFailure == null) {
            set(State.CONNECTED, "Connected to " + host);
        } else {
            set(State.CHAT_FAILING, "Connected to " + host + ", but chat requests fail: " + chatFailure);
        }
    }

    private void set(State now, String words) {
        state = now;
        sentence = words == null ? "" : words;
    }
}
