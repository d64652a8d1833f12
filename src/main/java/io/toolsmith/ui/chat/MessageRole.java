package io.toolsmith.ui.chat;

import io.toolsmith.conversation.Message;

/** Who a chat message is from, as the window shows it. */
public enum MessageRole {
    USER("You"),
    ASSISTANT("Model"),
    /** The function_output blocks the app sent back to the model: real results. */
    FUNCTION_RESULTS("Function results"),
    ERROR("Problem"),
    /** Something the user should know about the reply, such as its being cut off at the length limit. */
    NOTE("Note");

    private final String label;

    MessageRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** How a saved message of this kind is shown. */
    public static MessageRole of(Message.Kind kind) {
        return switch (kind) {
            case USER -> USER;
            case ASSISTANT -> ASSISTANT;
            case FUNCTION_OUTPUTS, TOOL_RESULTS -> FUNCTION_RESULTS;
        };
    }
}
