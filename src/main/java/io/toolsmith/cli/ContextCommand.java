package io.toolsmith.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import io.toolsmith.context.ContextReport;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Message;
import io.toolsmith.llm.ModelChoice;
import io.toolsmith.settings.Settings;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolsmith context}: what the next request of a chat would carry, composed by the turn loop itself, so that
 * the figures are those a turn would send; nothing is sent to the model.
 */
@Command(name = "context", mixinStandardHelpOptions = true,
        description = "Show how the next request would use the model's context window: instructions, functions "
                + "offered and held back, chat kept and left out, reply reserve, and what is free.")
public final class ContextCommand implements Callable<Integer> {
    @Option(names = "--conversation", paramLabel = "FILE", description = "The chat to measure (default: a new chat).")
    Path conversationFile;

    @Option(names = "--model", paramLabel = "NAME", description = "Model to measure for (default: the chat's, the settings' when installed, else the first installed).")
    String model;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ToolsmithCommand root = (ToolsmithCommand) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        try (Engine engine = Engine.open(root.home(), root.hostOption())) {
            Settings settings = engine.settings();
            Conversation conversation = load();
            ModelChoice.Choice choice = ModelChoice.forTurn(model, conversation.model(), settings.defaultModel(),
                    engine.backend());
            if (choice.reason() != null) {
                spec.commandLine().getErr().println(choice.reason());
            }
            List<Message> history = conversation.messages();
            ContextReport report = engine.turnLoop(settings, c -> { }).preview(history, choice.model(),
                    conversation.preset());
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(json(report, choice.model(), history.size())));
            } else {
                print(out, report, choice.model(), history.size());
            }
            out.flush();
            return 0;
        }
    }

    private Conversation load() throws UserFacingException {
        if (conversationFile == null) {
            return Conversation.create(null);
        }
        if (!Files.exists(conversationFile)) {
            throw new UserFacingException("There is no chat file at " + conversationFile + ". Check the path, or leave "
                    + "out --conversation to measure a new chat.");
        }
        return ConversationStore.load(conversationFile);
    }

    private static ObjectNode json(ContextReport r, String model, int messages) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("model", model).put("window", r.window())
                .put("used", r.used()).put("instructions", r.instructions()).put("specs", r.specs())
                .put("functionsApproved", r.approved()).put("functionsOffered", r.offered().size())
                .put("functionsHeldBack", r.approved() - r.offered().size()).put("history", r.history())
                .put("messagesKept", messages - r.leftOut()).put("messagesLeftOut", r.leftOut())
                .put("replyReserve", r.replyReserve()).put("free", r.free());
        r.offered().forEach(node.putArray("offered")::add);
        return node;
    }

    private static void print(PrintWriter out, ContextReport r, String model, int messages) {
        out.println("The next request to " + model + " would take about " + n(r.used()) + " of the " + n(r.window())
                + " tokens of its context window:");
        row(out, "instructions", r.instructions(), "");
        int heldBack = r.approved() - r.offered().size();
        row(out, "functions", r.specs(), r.approved() == 0 ? "no functions are approved"
                : r.offered().size() + " of " + r.approved() + " offered"
                + (heldBack > 0 ? ", " + heldBack + " held back (the model can find them with find_functions)" : ""));
        row(out, "chat", r.history(), (messages - r.leftOut()) + " message" + (messages - r.leftOut() == 1 ? "" : "s")
                + " kept" + (r.leftOut() > 0 ? ", " + r.leftOut() + " earlier left out" : ""));
        row(out, "reply reserve", r.replyReserve(), "");
        row(out, "free", r.free(), "");
        out.println("Tokens are estimated from the text; the server's own count, shown by chat --verbose, may differ.");
    }

    private static void row(PrintWriter out, String label, int tokens, String note) {
        out.printf(Locale.ROOT, "  %-14s %,8d%s%n", label, tokens, note.isEmpty() ? "" : "  " + note);
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
