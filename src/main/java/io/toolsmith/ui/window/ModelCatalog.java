package io.toolsmith.ui.window;

import io.toolsmith.llm.ModelInfo;
import io.toolsmith.util.UserFacingException;
import java.util.List;

/**
 * Seam to the engine's Ollama client: the installed models and what each can do.
 * Blocking: called on the background executor, never on the FX thread.
 */
public interface ModelCatalog {

    /**
     * The models the server has, with their capabilities. Throws {@link io.toolsmith.util.UserFacingException} whose
     * message is the sentence to show when the server cannot be reached.
     */
    List<ModelInfo> models() throws UserFacingException;

    /** The server address, for messages ("Ollama is not running at …"). */
    String host();

    /** What to do when the server has no model, in the words of the server in use. */
    default String noModelsSentence() {
        return "Ollama at " + host() + " has no models yet. Download one with the button, or in a terminal:"
                + " ollama pull gemma3:12b — then press Retry.";
    }
}
