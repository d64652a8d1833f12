package io.toolsmith.conversation;

/**
 * How much of the model's context window a chat's latest request took, by the server's count: kept with the chat so
 * that the context meter shows it again when the chat is opened later.
 *
 * @param tokens the prompt's tokens as the server counted them
 * @param window the context window the request was composed for
 */
public record PromptCount(long tokens, int window) {
}
