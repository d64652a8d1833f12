package io.toolsmith.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.llm.ChatMessage;
import io.toolsmith.llm.ModelDetails;
import io.toolsmith.settings.InstructionMode;
import io.toolsmith.protocol.Prompts;
import java.util.ArrayList;
import java.util.List;

/**
 * Composes what the model is told before the chat: how to call functions, how to write them, and the
 * specs of the approved functions. Models whose chat template has no system role (Gemma 3) get this in
 * front of the first user message; the others get a system message.
 */
public final class Instructions {

    /** Where the instructions go. */
    public enum Placement { SYSTEM, FIRST_USER }

    private final String functionCalling;
    private final String functionWriting;
    private final String chatPrompt;

    public Instructions(String functionCallingOverride, String functionWritingOverride) {
        this(functionCallingOverride, functionWritingOverride, null);
    }

    private Instructions(String functionCallingOverride, String functionWritingOverride, String chatPrompt) {
        this.functionCalling = blankToNull(functionCallingOverride) != null ? functionCallingOverride : Prompts.functionCalling();
        this.functionWriting = blankToNull(functionWritingOverride) != null ? functionWritingOverride : Prompts.functionWriting();
        this.chatPrompt = blankToNull(chatPrompt);
    }

    /**
     * These instructions followed by a chat's own system prompt. It goes last, after the specs: it never replaces
     * Toolsmith's rules, and since it changes only when the user edits it, the front of every request stays the same
     * and the server's prompt cache still covers it.
     */
    public Instructions withChatPrompt(String prompt) {
        return new Instructions(functionCalling, functionWriting, prompt);
    }

    public static Instructions defaults() {
        return new Instructions(null, null);
    }

    /** The full instruction text for a chat whose approved functions have {@code specs}. */
    public String text(List<? extends JsonNode> specs) {
        return text(specs, false);
    }

    /**
     * With native tools the server describes the functions to the model, so only the function-writing part
     * is sent; writing code and specs still happens in fenced blocks.
     */
    public String text(List<? extends JsonNode> specs, boolean nativeTools) {
        if (nativeTools) {
            return appendChatPrompt(functionWriting.strip() + "\n");
        }
        StringBuilder text = new StringBuilder(functionCalling.strip()).append("\n\n").append(functionWriting.strip());
        if (!specs.isEmpty()) {
            text.append("\n\nThese functions are available:\n\n").append(Prompts.specsBlock(List.copyOf(specs)).strip());
        }
        return appendChatPrompt(text.append('\n').toString());
    }

    private String appendChatPrompt(String text) {
        return chatPrompt == null ? text : text + "\n" + CHAT_PROMPT_HEADING + "\n\n" + chatPrompt.strip() + "\n";
    }

    /** Introduces the chat's own system prompt, so the model tells it apart from the rules above it. */
    public static final String CHAT_PROMPT_HEADING = "The user's instructions for this chat:";

    /**
     * Chooses the placement: a setting of {@code system} or {@code first_user} wins; {@code auto} uses the
     * first user message for models whose template has no system role.
     */
    public static Placement placement(InstructionMode mode, ModelDetails model) {
        if (mode == InstructionMode.SYSTEM) {
            return Placement.SYSTEM;
        }
        if (mode == InstructionMode.FIRST_USER) {
            return Placement.FIRST_USER;
        }
        return model != null && lacksSystemRole(model) ? Placement.FIRST_USER : Placement.SYSTEM;
    }

    /** Gemma's templates fold any system text into the user turn; the tutorials prepend it themselves. */
    static boolean lacksSystemRole(ModelDetails model) {
        String family = model.family() == null ? "" : model.family().toLowerCase();
        String name = model.name() == null ? "" : model.name().toLowerCase();
        if (family.startsWith("gemma") || name.startsWith("gemma")) {
            return true;
        }
        String template = model.template();
        return template != null && !template.isBlank() && !template.contains(".System") && !template.contains("system");
    }

    /** The messages to send: the chat's own messages with the instructions placed as chosen. */
    public static List<ChatMessage> apply(String instructionText, Placement placement, List<Message> messages) {
        List<ChatMessage> out = new ArrayList<>(messages.size() + 1);
        if (placement == Placement.SYSTEM) {
            out.add(ChatMessage.system(instructionText));
        }
        boolean prepended = placement != Placement.FIRST_USER;
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String content = message.content();
            if (!prepended && message.kind() == Message.Kind.USER) {
                content = instructionText + "\n" + content;
                prepended = true;
            }
            switch (message.kind()) {
                case ASSISTANT -> {
                    boolean nativeCalls = i + 1 < messages.size() && messages.get(i + 1).kind() == Message.Kind.TOOL_RESULTS;
                    out.add(nativeCalls ? NativeTools.assistantWithCalls(message) : ChatMessage.assistant(content));
                }
                case TOOL_RESULTS -> out.addAll(NativeTools.toolMessages(message));
                default -> out.add(ChatMessage.user(content, message.images()));
            }
        }
        return out;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
