package io.toolsmith.llm;

import io.toolsmith.util.Cancellation;
import java.util.List;

/**
 * A local model server the chat can talk to (Ollama's native API, or an OpenAI-compatible server).
 * Every method blocks the calling thread until the server has answered; call them off the UI thread.
 */
public interface ChatBackend {

    /**
     * Streams one reply. {@code listener} is called on the calling thread as pieces arrive.
     * If {@code cancel} fires, the connection is closed and the reply received so far is returned
     * with {@code complete() == false} and {@code doneReason() == "cancelled"}.
     */
    ChatReply chat(ChatRequest request, StreamListener listener, Cancellation cancel) throws LlmException;

    List<ModelInfo> listModels() throws LlmException;

    ModelDetails showModel(String model) throws LlmException;

    /** What to do when the server offers no model, in this server's terms (a sentence). */
    String noModelsHint();

    /**
     * True when each request says how large the context window is ({@link ChatOptions#numCtx()}); false when the
     * server fixes it when it starts, and reports it (if at all) in its model list.
     */
    default boolean sendsContextSize() {
        return false;
    }

    /** The base URL, for messages such as "Ollama is not running at …". */
    String endpoint();
}
