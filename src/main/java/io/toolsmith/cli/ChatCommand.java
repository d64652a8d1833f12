package io.toolsmith.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.agent.TurnListener;
import io.toolsmith.agent.MessageActions;
import io.toolsmith.agent.PendingSend;
import io.toolsmith.agent.TurnResult;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationLock;
import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.data.DataRewind;
import io.toolsmith.llm.ModelChoice;
import io.toolsmith.settings.Settings;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code toolsmith chat MESSAGE…}: one user turn, streamed to the terminal. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Send one message and print the reply as it arrives; calls to approved functions run in the sandbox.")
public final class ChatCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "NAME", description = "Model to use (default: the chat's, the settings' when installed, else the first installed).")
    String model;

    @Option(names = "--conversation", paramLabel = "FILE", description = "Chat file to continue (created if missing).")
    Path conversationFile;

    @Option(names = "--json", description = "Print one JSON object at the end instead of streaming text.")
    boolean json;

    @Option(names = "--verbose", description = "Also print, on stderr, how each request uses the model's context "
            + "window (instructions, functions offered, chat, reply reserve) and the server's count of the prompt.")
    boolean verbose;

    @Option(names = "--continue", description = "Go on with the chat's last turn where its request failed: send the "
            + "saved message or function results again, without running any call again (needs --conversation).")
    boolean resume;

    @Option(names = "--regenerate", description = "Drop the chat's last reply (its text, calls and their results) and "
            + "ask for it again from your last message (needs --conversation).")
    boolean regenerate;

    @Option(names = "--edit-last", paramLabel = "TEXT", description = "Replace your last message in the chat by TEXT, "
            + "drop what followed it, and send it (needs --conversation).")
    String editLast;

    @Option(names = "--restore-data", description = "With --regenerate or --edit-last: when the dropped calls changed "
            + "the data folder, put it back as it was before them first (undo it with 'toolsmith data undo').")
    boolean restoreData;

    @Parameters(arity = "0..*", paramLabel = "MESSAGE", description = "The message to send.")
    List<String> message;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ToolsmithCommand root = (ToolsmithCommand) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkChoice();
        // The chat file stays locked from reading it to saving the turn: another `chat` on the same file either
        // waits for a save or is told, instead of one of the two turns being overwritten.
        try (Engine engine = Engine.open(root.home(), root.hostOption());
             ConversationLock lock = conversationFile == null ? null
                     : ConversationLock.acquire(conversationFile, ConversationLock.WAIT)) {
            Settings settings = engine.settings(); // one snapshot for the whole turn
            Conversation conversation = loadConversation(engine);
            ModelChoice.Choice choice = ModelChoice.forTurn(model, conversation.model(), settings.defaultModel(),
                    engine.backend());
            if (choice.reason() != null) {
                err.println(choice.reason());
                err.flush();
            }
            ConversationSession session = conversationFile != null
                    ? ConversationSession.of(conversation, conversationFile)
                    : engine.conversations().session(conversation);
            session.useModel(choice.model());
            var loop = engine.turnLoop(settings, engine.conversations()::save);
            var isolation = engine.sandbox().isolation();
            if (!isolation.isolated()) {
                err.println("Warning: " + isolation.description());
                err.flush();
            }
            Cancellation cancel = new Cancellation();
            CountDownLatch finished = new CountDownLatch(1);
            // Ctrl-C: stop the reply, then give the turn a moment to save what arrived before the JVM exits.
            Thread hook = new Thread(() -> {
                cancel.cancel();
                awaitQuietly(finished);
            }, "chat-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            TurnResult result;
            TurnListener listener = json ? new TurnListener() { } : new TerminalListener(out, err, verbose);
            MessageActions.Rewound rewound = null;
            try {
                if (regenerate || editLast != null) {
                    MessageActions actions = new MessageActions(engine.snapshots());
                    if (!restoreData) {
                        tellWhatDataStays(actions, session, err);
                    }
                    MessageActions.Resent resent = regenerate
                            ? actions.regenerate(session, loop, restoreData, listener, cancel)
                            : actions.edit(session, loop, -1, null, editLast, restoreData, listener, cancel);
                    rewound = resent.rewound();
                    tellWhatWasRestored(rewound, err);
                    result = resent.turn();
                } else {
                    result = resume ? loop.resume(session, listener, cancel)
                            : loop.run(session, String.join(" ", message), List.of(), listener, cancel);
                }
            } catch (UserFacingException e) {
                throw cancel.isCancelled() ? e : withWayToContinue(e, engine, conversation);
            } finally {
                finished.countDown();
                removeHook(hook);
            }
            if (json) {
                ObjectNode answer = toJson(result);
                if (rewound != null) {
                    answer.set("data", dataJson(rewound));
                }
                out.println(Json.MAPPER.writeValueAsString(answer));
            } else {
                out.println();
            }
            out.flush();
            return 0;
        }
    }

    /** One of a message, --continue, --regenerate or --edit-last; all but a message need the chat file. */
    private void checkChoice() throws UserFacingException {
        boolean hasMessage = message != null && !message.isEmpty();
        if (restoreData && !regenerate && editLast == null) {
            throw new UserFacingException("--restore-data goes with --regenerate or --edit-last: it puts the data back "
                    + "as it was before the calls they drop.");
        }
        int chosen = (hasMessage ? 1 : 0) + (resume ? 1 : 0) + (regenerate ? 1 : 0) + (editLast != null ? 1 : 0);
        if (chosen == 0) {
            throw new UserFacingException("Give the message to send, or --continue to go on with a chat whose last "
                    + "request failed (--regenerate and --edit-last TEXT redo its last turn).");
        }
        if (chosen > 1) {
            throw new UserFacingException("Give only one of a message, --continue, --regenerate and --edit-last.");
        }
        if (conversationFile == null && !hasMessage) {
            String option = resume ? "--continue" : regenerate ? "--regenerate" : "--edit-last";
            throw new UserFacingException(option + " needs the chat: add --conversation FILE"
                    + (resume ? " (the failed turn named it)." : "."));
        }
    }

    /** Without --restore-data the data stays as the dropped calls left it: say so, and how to put it back. */
    private void tellWhatDataStays(MessageActions actions, ConversationSession session, PrintWriter err) {
        try {
            var preview = actions.preview(session, regenerate ? MessageActions.Action.REGENERATE
                    : MessageActions.Action.EDIT, -1);
            if (preview.isPresent() && preview.get().changesData()) {
                err.println("The dropped calls changed your data: " + preview.get().summary() + ". It stays so; add "
                        + "--restore-data to put it back as it was before them.");
                err.flush();
            }
        } catch (UserFacingException e) {
            err.println(e.getMessage());
            err.flush();
        }
    }

    private static void tellWhatWasRestored(MessageActions.Rewound rewound, PrintWriter err) {
        if (rewound.restored()) {
            err.println("The data was put back as it was before the dropped calls: " + rewound.preview().summary()
                    + " undone. To bring it back, run: toolsmith data undo " + rewound.restore().safety().id());
            rewound.restore().notes().forEach(err::println);
            err.flush();
        }
    }

    static ObjectNode dataJson(MessageActions.Rewound rewound) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("restored", rewound.restored());
        ArrayNode changes = data.putArray("changes");
        if (rewound.preview() != null) {
            for (DataRewind.Change change : rewound.preview().changes()) {
                ObjectNode c = changes.addObject();
                c.put("path", change.path());
                c.put("change", change.kind().name().toLowerCase(java.util.Locale.ROOT));
                c.put("description", change.describe());
            }
        }
        if (rewound.restored()) {
            data.put("undo", rewound.restore().safety().id());
        }
        return data;
    }

    private Conversation loadConversation(Engine engine) throws UserFacingException {
        if (conversationFile != null && Files.exists(conversationFile)) {
            return ConversationStore.load(conversationFile);
        }
        if (resume || regenerate || editLast != null) {
            throw new UserFacingException("There is no chat file at " + conversationFile + " to "
                    + (resume ? "continue" : regenerate ? "regenerate" : "edit") + ". Check the path.");
        }
        return Conversation.create(null);
    }

    /**
     * A failed turn that stored what it was sending says how to send it again: always when calls ran (running the
     * turn again would run them again), and for a message in a chat file (running the same command would add it again).
     */
    private UserFacingException withWayToContinue(UserFacingException e, Engine engine, Conversation conversation) {
        String command = "`toolsmith chat --conversation " + chatFile(engine, conversation) + " --continue`";
        if (PendingSend.hasUnsentResults(conversation)) {
            return new UserFacingException(e.getMessage() + " The function results are saved in the chat: to send them "
                    + "without running any call again, run " + command + ".", e);
        }
        if (PendingSend.canResume(conversation) && conversationFile != null) {
            return new UserFacingException(e.getMessage() + " Your message is saved in the chat: to send it again, run "
                    + command + ".", e);
        }
        return e;
    }

    /** Where this chat is saved: the file given, or its file in the chats folder. */
    private Path chatFile(Engine engine, Conversation conversation) {
        return conversationFile != null ? conversationFile : engine.conversations().fileOf(conversation);
    }

    static ObjectNode toJson(TurnResult result) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("reply", result.reply());
        ArrayNode calls = root.putArray("calls");
        for (CallRecord record : result.calls()) {
            ObjectNode call = calls.addObject();
            call.set("id", record.id());
            call.put("function", record.function());
            call.set("arguments", record.arguments());
            call.put("status", record.status().wire());
            if (record.ok()) {
                call.set("result", record.result());
            } else {
                ObjectNode error = call.putObject("error");
                error.put("name", record.errorName());
                error.put("message", record.errorMessage());
            }
        }
        root.put("cutOff", result.wasCutOff());
        ArrayNode discovered = root.putArray("discovered");
        result.discovered().forEach(discovered::add);
        List<String> sentences = new java.util.ArrayList<>(result.warnings());
        if (result.wasCutOff() && !sentences.contains(result.cutOff())) {
            sentences.add(result.cutOff());
        }
        if (!sentences.isEmpty()) {
            ArrayNode warnings = root.putArray("warnings");
            sentences.forEach(warnings::add);
        }
        return root;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting (Ctrl-C); the hook has done its job.
        }
    }
}
