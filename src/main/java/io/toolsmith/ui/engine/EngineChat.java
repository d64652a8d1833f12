package io.toolsmith.ui.engine;

import io.toolsmith.agent.CallDecision;
import io.toolsmith.agent.MessageActions;
import io.toolsmith.agent.PendingSend;
import io.toolsmith.agent.TurnLoop;
import io.toolsmith.agent.TurnResult;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.ChatPreset;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.conversation.Message;
import io.toolsmith.data.DataImport;
import io.toolsmith.data.DataQuota;
import io.toolsmith.data.DataRewind;
import io.toolsmith.data.UserFiles;
import io.toolsmith.llm.Images;
import io.toolsmith.llm.LlmException;
import io.toolsmith.llm.ModelChoice;
import io.toolsmith.llm.ServerHealth;
import io.toolsmith.settings.Settings;
import io.toolsmith.ui.chat.ChatEngine;
import io.toolsmith.ui.chat.MessageAction;
import io.toolsmith.ui.chat.RewindPreview;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.chat.TurnListener;
import io.toolsmith.ui.chat.TurnOutcome;
import io.toolsmith.ui.chat.TurnRequest;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat seam over the engine's turn loop: one turn per conversation at a time, each on its own daemon
 * thread of a named pool (a turn may wait minutes for the model or for the user's decision, so it must not
 * hold one of the window's few background threads). Every failure ends the turn with a FAILED event carrying
 * its sentence; nothing escapes unreported. Events are keyed to the listener that started the turn, which
 * belongs to that conversation's chat, so they never land in another chat.
 */
public final class EngineChat implements ChatEngine, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineChat.class);
    /** The largest picture read into a message: far above what a vision model takes, below what memory allows. */
    private static final long MAX_IMAGE_BYTES = 64L * 1024 * 1024;
    private final Engine engine;
    private final OpenConversations conversations;
    private final Runnable functionsChanged;
    private final Runnable callFinished;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService turns;
    private final MessageActions actions;

    private record Running(Cancellation cancel, TurnBridge bridge) {
    }

    EngineChat(Engine engine, OpenConversations conversations, Runnable functionsChanged, Runnable callFinished) {
        this.engine = engine;
        this.conversations = conversations;
        this.functionsChanged = functionsChanged;
        this.callFinished = callFinished;
        this.actions = new MessageActions(engine.snapshots());
        AtomicInteger count = new AtomicInteger();
        this.turns = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "toolsmith-turn-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Cancellation send(TurnRequest request, TurnListener listener) {
        Cancellation cancel = new Cancellation();
        TurnBridge bridge = new TurnBridge(listener, engine.library(), cancel, functionsChanged, callFinished);
        if (running.putIfAbsent(request.conversationId(), new Running(cancel, bridge)) != null) {
            listener.on(new TurnEvent.Finished(TurnOutcome.FAILED,
                    "A reply is still being written in this chat. Wait for it or press Stop, then send again.", 0));
            return cancel;
        }
        turns.execute(() -> {
            TurnEvent.Finished finished;
            try {
                finished = runTurn(request, bridge, cancel, listener);
            } catch (RuntimeException | Error e) {
                LOG.error("The turn failed unexpectedly", e);
                finished = new TurnEvent.Finished(TurnOutcome.FAILED, "Something went wrong: " + e
                        + ". The details are in the log file.", 0);
            }
            // Free the chat before saying so: the next message may be sent as soon as Finished arrives.
            running.remove(request.conversationId());
            listener.on(finished);
        });
        return cancel;
    }

    /** What a turn does once its chat is locked and its model chosen. */
    private interface TurnBody {
        TurnResult run(ConversationSession session, TurnLoop loop) throws UserFacingException;
    }

    private TurnEvent.Finished runTurn(TurnRequest request, TurnBridge bridge, Cancellation cancel,
                                       TurnListener listener) {
        return runTurn(request.conversationId(), request.model(), bridge, cancel, listener, (session, loop) ->
                request.resume()
                        ? loop.resume(session, bridge, cancel)
                        : loop.run(session, request.text(), images(request.images()), bridge, cancel));
    }

    private TurnEvent.Finished runTurn(String conversationId, String model, TurnBridge bridge, Cancellation cancel,
                                       TurnListener listener, TurnBody body) {
        ConversationSession session = null;
        Settings settings = engine.settings(); // one snapshot for the whole turn
        // The chat file stays locked for the whole turn (and is read again if another Toolsmith saved it since), so a
        // `toolsmith chat` on the same file waits or is told, and neither overwrites the other's turn.
        try (ConversationSession.Turn turn = (session = conversations.get(conversationId)).beginTurn()) {
            session.useModel(ModelChoice.forTurn(model, session.conversation().model(),
                    settings.defaultModel(), engine.backend()).model());
            TurnLoop loop = engine.turnLoop(settings, engine.conversations()::save);
            TurnResult result = body.run(session, loop);
            listener.on(new TurnEvent.ServerReached(ServerHealth.ChatOutcome.SUCCEEDED, null));
            if (cancel.isCancelled()) {
                return new TurnEvent.Finished(TurnOutcome.CANCELLED, null, result.tokensPerSecond());
            }
            if (result.stoppedAtStepLimit()) {
                return new TurnEvent.Finished(TurnOutcome.FAILED, result.warnings().get(result.warnings().size() - 1),
                        result.tokensPerSecond());
            }
            return new TurnEvent.Finished(TurnOutcome.COMPLETED, null, result.tokensPerSecond());
        } catch (UserFacingException e) {
            LOG.debug("Turn ended with a problem", e);
            if (e instanceof LlmException failure && !cancel.isCancelled()) {
                listener.on(new TurnEvent.ServerReached(ServerHealth.ChatOutcome.of(failure.kind()),
                        failure.getMessage()));
            }
            return cancel.isCancelled()
                    ? new TurnEvent.Finished(TurnOutcome.CANCELLED, null, 0)
                    : new TurnEvent.Finished(TurnOutcome.FAILED, e.getMessage(), 0,
                    session != null && PendingSend.canResume(session.conversation()));
        }
    }

    @Override
    public void savePreset(String conversationId, ChatPreset preset, Consumer<String> failed) {
        turns.execute(() -> {
            try {
                conversations.get(conversationId).usePreset(preset);
            } catch (UserFacingException e) {
                failed.accept(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("The chat's options could not be saved", e);
                failed.accept("The chat's options could not be saved: " + e + ". The details are in the log file.");
            }
        });
    }

    @Override
    public void copyToDataFolder(Path file, DataImport.WhenTaken whenTaken, Consumer<DataImport.Imported> done,
                                 Consumer<String> failed) {
        turns.execute(() -> {
            try {
                Settings settings = engine.settings();
                done.accept(new DataImport(engine.dataFolder(), DataQuota.ofMegabytes(settings.dataQuotaMb(),
                        settings.dataQuotaFiles()), engine.snapshots())
                        .copyIn(file, file.getFileName().toString(), whenTaken));
                callFinished.run(); // the Data tab lists the folder again
            } catch (UserFacingException e) {
                failed.accept(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("A file could not be put in the data folder", e);
                failed.accept(file.getFileName() + " could not be put in the data folder: " + e
                        + ". The details are in the log file.");
            }
        });
    }

    @Override
    public Path dataFolder() {
        return engine.dataFolder();
    }

    /** A picture in the data folder is read with its rules (no link followed, no pipe opened), as attachments are. */
    private List<String> images(List<Path> files) throws UserFacingException {
        List<String> encoded = new ArrayList<>();
        for (Path file : files) {
            try {
                encoded.add(Images.base64(UserFiles.read(file, engine.dataFolder(), MAX_IMAGE_BYTES, size -> "The image "
                        + file + " is " + size + " bytes, more than the " + MAX_IMAGE_BYTES + " a message carries;"
                        + " make it smaller or pick another file.")));
            } catch (IOException e) {
                throw new UserFacingException("The image " + file + " could not be read (" + e.getMessage()
                        + "). Attach it again or pick another file.", e);
            }
        }
        return encoded;
    }

    @Override
    public void previewRewind(MessageAction action, Consumer<RewindPreview> preview, Consumer<String> failed) {
        turns.execute(() -> {
            try {
                Optional<DataRewind.Preview> found = actions.preview(conversations.get(action.conversationId()),
                        kindOf(action), action.index());
                preview.accept(found.map(p -> new RewindPreview(p.changes().stream().map(DataRewind.Change::describe)
                        .toList())).orElse(RewindPreview.NONE));
            } catch (UserFacingException e) {
                failed.accept(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("The preview of the data failed unexpectedly", e);
                failed.accept("Something went wrong: " + e + ". The details are in the log file.");
            }
        });
    }

    @Override
    public Cancellation act(MessageAction action, TurnListener listener) {
        Cancellation cancel = new Cancellation();
        TurnBridge bridge = new TurnBridge(listener, engine.library(), cancel, functionsChanged, callFinished);
        if (running.putIfAbsent(action.conversationId(), new Running(cancel, bridge)) != null) {
            listener.on(new TurnEvent.Finished(TurnOutcome.FAILED,
                    "A reply is still being written in this chat. Wait for it or press Stop, then try again.", 0));
            return cancel;
        }
        turns.execute(() -> {
            TurnEvent.Finished finished;
            try {
                finished = action.kind() == MessageAction.Kind.DELETE ? delete(action, listener)
                        : runTurn(action.conversationId(), action.model(), bridge, cancel, listener, (session, loop) -> {
                            Consumer<MessageActions.Rewound> told = rewound -> tellRestored(rewound, listener);
                            return action.kind() == MessageAction.Kind.REGENERATE
                                    ? actions.regenerate(session, loop, action.restoreData(), told, bridge, cancel).turn()
                                    : actions.edit(session, loop, action.index(), action.expected(), action.text(),
                                    action.restoreData(), told, bridge, cancel).turn();
                        });
            } catch (RuntimeException | Error e) {
                LOG.error("The action on the chat failed unexpectedly", e);
                finished = new TurnEvent.Finished(TurnOutcome.FAILED, "Something went wrong: " + e
                        + ". The details are in the log file.", 0);
            }
            running.remove(action.conversationId());
            listener.on(finished);
        });
        return cancel;
    }

    private TurnEvent.Finished delete(MessageAction action, TurnListener listener) {
        try {
            MessageActions.Rewound rewound = actions.delete(conversations.get(action.conversationId()), action.index(),
                    action.expected(), action.restoreData());
            tellRestored(rewound, listener);
            return new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 0);
        } catch (UserFacingException e) {
            return new TurnEvent.Finished(TurnOutcome.FAILED, e.getMessage(), 0);
        }
    }

    private void tellRestored(MessageActions.Rewound rewound, TurnListener listener) {
        if (rewound.restored()) {
            callFinished.run(); // the data changed: the Data tab reads it again
            listener.on(new TurnEvent.Note("The data was put back as it was before those calls ("
                    + rewound.preview().summary() + " undone). Undo in the Data tab brings it back."));
        }
    }

    @Override
    public void fork(String conversationId, int index, String expected, Consumer<ChatSummary> forked,
                     Consumer<String> failed) {
        turns.execute(() -> {
            try {
                ConversationSession session = conversations.get(conversationId);
                List<Message> messages = session.messages();
                if (expected != null && (index < 0 || index >= messages.size()
                        || !messages.get(index).content().equals(expected))) {
                    throw new UserFacingException("The chat changed since it was shown (another Toolsmith saved it), "
                            + "so it was not forked. Open the chat again and fork it then.");
                }
                forked.accept(actions.fork(session, engine.conversations(), index).summary());
            } catch (UserFacingException e) {
                failed.accept(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("The fork failed unexpectedly", e);
                failed.accept("Something went wrong: " + e + ". The details are in the log file.");
            }
        });
    }

    private static MessageActions.Action kindOf(MessageAction action) {
        return switch (action.kind()) {
            case REGENERATE -> MessageActions.Action.REGENERATE;
            case EDIT -> MessageActions.Action.EDIT;
            case DELETE -> MessageActions.Action.DELETE;
        };
    }

    @Override
    public void cancel(String conversationId) {
        Running turn = running.get(conversationId);
        if (turn != null) {
            turn.cancel().cancel();
        }
    }

    @Override
    public void decide(String conversationId, String callId, CallDecision decision) {
        Running turn = running.get(conversationId);
        if (turn != null) {
            turn.bridge().decide(callId, decision);
        }
    }

    /** Stops every running turn (their questions are answered with DENY) and the turn threads. */
    @Override
    public void close() {
        running.values().forEach(r -> r.cancel().cancel());
        turns.shutdownNow();
    }
}
