package io.toolsmith.ui.engine;

import io.toolsmith.agent.PendingSend;
import io.toolsmith.conversation.ChatHit;
import io.toolsmith.conversation.ChatPreset;
import io.toolsmith.conversation.ChatSearch;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.PromptCount;
import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.conversation.Message;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.window.ConversationCatalog;
import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.util.AtomicFiles;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The chat list over the engine's conversation files. Deleting moves the file into a trash folder under the
 * home, so the snackbar's Undo can move it back. Blocking; called on the background executor.
 */
public final class EngineConversations implements ConversationCatalog {
    private final OpenConversations open;
    private final Path trash;
    private final ImageCache images;
    private final ChatSearch search;

    EngineConversations(OpenConversations open, Path trash, Path imageCache) {
        this(open, trash, imageCache, null);
    }

    /** With {@code search} (closed by its owner), chats are searched by their messages too. */
    EngineConversations(OpenConversations open, Path trash, Path imageCache, ChatSearch search) {
        this.open = open;
        this.trash = trash;
        this.images = new ImageCache(imageCache);
        this.search = search;
    }

    @Override
    public List<ChatSummary> list() {
        return open.store().list();
    }

    @Override
    public ChatSummary create(String title) throws UserFacingException {
        ConversationSession session = open.store().session(Conversation.create(null));
        if (title != null && !title.isBlank()) {
            session.rename(title);
        } else {
            session.save();
        }
        open.put(session);
        return session.conversation().summary();
    }

    @Override
    public void rename(String id, String title) throws UserFacingException {
        open.get(id).rename(title);
    }

    @Override
    public void delete(String id) throws UserFacingException {
        move(file(id), trash.resolve(id + ".json"), "deleted");
        open.forget(id);
    }

    @Override
    public void restore(String id) throws UserFacingException {
        move(trash.resolve(id + ".json"), file(id), "restored");
    }

    @Override
    public List<Message> messages(String id) throws UserFacingException {
        return open.view(id).messages();
    }

    @Override
    public List<Path> images(Message message) {
        return images.files(message.images());
    }

    @Override
    public boolean canContinue(String id) throws UserFacingException {
        return PendingSend.canResume(open.get(id).conversation());
    }

    @Override
    public PromptCount lastPrompt(String id) throws UserFacingException {
        return open.get(id).conversation().lastPrompt();
    }

    @Override
    public ChatPreset preset(String id) throws UserFacingException {
        return open.get(id).conversation().preset();
    }

    /** Searches the saved chat files: a reply still streaming is found once its chat is saved. */
    @Override
    public List<ChatHit> search(String query, int limit) throws UserFacingException {
        return search == null ? List.of() : search.search(query, limit);
    }

    @Override
    public void export(String id, ExportFormat format, Path target) throws UserFacingException {
        Conversation conversation = open.get(id).conversation();
        try {
            byte[] bytes = format == ExportFormat.JSON
                    ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(conversation)
                    : markdown(conversation).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new UserFacingException("The chat could not be exported to " + target + " (" + e.getMessage()
                    + "). Choose another folder and try again.", e);
        }
    }

    static String markdown(Conversation conversation) {
        StringBuilder md = new StringBuilder("# ").append(conversation.title()).append("\n\n");
        for (Message m : conversation.messages()) {
            md.append("## ").append(MessageRole.of(m.kind()).label()).append("\n\n").append(m.content().strip()).append("\n\n");
        }
        return md.toString();
    }

    private Path file(String id) {
        return open.store().fileOf(id);
    }

    private static void move(Path from, Path to, String what) throws UserFacingException {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserFacingException("The chat could not be " + what + " (" + e.getMessage()
                    + "). Check that " + to.getParent() + " is writable and try again.", e);
        }
    }

}
