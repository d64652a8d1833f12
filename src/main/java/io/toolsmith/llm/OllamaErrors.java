package io.toolsmith.llm;

import io.toolsmith.llm.LlmException.Kind;
import java.io.IOException;

/** The sentences the user sees when Ollama cannot be reached or refuses a request. */
final class OllamaErrors {
    private final String endpoint;

    OllamaErrors(String endpoint) {
        this.endpoint = endpoint;
    }

    /** A failure before any response arrived. */
    LlmException connection(IOException e) {
        String sentence = ErrorBodies.unreachable(e, "Ollama", endpoint,
                "Start it with `ollama serve` and try again.");
        if (sentence != null) {
            return new LlmException(Kind.UNREACHABLE, sentence, null, e);
        }
        return new LlmException(Kind.UNREACHABLE, "The connection to Ollama at " + endpoint + " failed ("
                + ErrorBodies.clause(String.valueOf(e.getMessage())) + "). Check that it is running and try again.",
                null, e);
    }

    /**
     * A response with an error status. The status decides first; the body's {@code error} text, or the raw body
     * when it is not JSON, goes into the sentence.
     *
     * @param model the model the request was about, or null
     */
    LlmException status(int code, String body, String path, String model) {
        String text = ErrorBodies.message(body);
        // Ollama's errors are {"error": "text"}; an error object is how OpenAI-compatible servers answer.
        boolean fromOllama = ErrorBodies.isOllamaError(body);
        if (code == 404 && fromOllama && model != null && ErrorBodies.isUnknownModel(text)) {
            return modelNotFound(model);
        }
        if ((code == 404 || code == 405) && ErrorBodies.isJsonError(body)) {
            return new LlmException(Kind.HTTP, "The server at " + endpoint + " is not Ollama: it answered " + path
                    + " with " + code + " (" + describe(text) + ") the way OpenAI-compatible servers (llama.cpp's "
                    + "llama-server, LM Studio, vLLM) do. Switch the backend with `toolsmith settings set backend openai` "
                    + "and `toolsmith settings set openaiBaseUrl " + endpoint + "` (in the window: Settings, Server).");
        }
        if ((code == 404 || code == 405) && !fromOllama) {
            return new LlmException(Kind.HTTP, "The server at " + endpoint + " answered " + code + " ("
                    + describe(text) + ") to " + path + ": it is too old or not Ollama. Check the address, "
                    + "or update Ollama from https://ollama.com/download. If it is an OpenAI-compatible server "
                    + "(llama.cpp, LM Studio, vLLM), use `toolsmith settings set backend openai`.");
        }
        String detail = describe(text);
        String sentence = switch (code) {
            case 400 -> "Ollama refused the request: " + detail + ".";
            case 401 -> "Ollama asks you to sign in before using this model (" + detail + "). Run `ollama signin` "
                    + "and try again.";
            case 403 -> "Ollama at " + endpoint + " refused the request (403 Forbidden). Check OLLAMA_ORIGINS "
                    + "and OLLAMA_HOST on the server.";
            case 503 -> "Ollama at " + endpoint + " is busy (" + detail + "). Wait a moment and try again.";
            case 500 -> "Ollama failed: " + detail + ". Check the Ollama server log, then try again.";
            default -> "Ollama at " + endpoint + " answered HTTP " + code + " (" + detail + ").";
        };
        return new LlmException(Kind.HTTP, sentence);
    }

    LlmException modelNotFound(String model) {
        return new LlmException(Kind.MODEL_NOT_FOUND, "The model '" + model + "' is not installed. Download it with "
                + "`ollama pull " + model + "`.");
    }

    private static String describe(String text) {
        String clause = ErrorBodies.clause(text);
        return clause.isEmpty() ? "no details given" : clause;
    }
}
