package io.toolsmith.context;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.conversation.Instructions;
import io.toolsmith.conversation.Message;
import io.toolsmith.conversation.NativeTools;
import io.toolsmith.llm.ChatMessage;
import io.toolsmith.llm.ToolSpec;
import io.toolsmith.util.UserFacingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what one request carries so that it fits the context window, instead of leaving it to the server (which
 * would silently cut the front: the instructions). The instructions, the latest user message and everything the
 * current turn added are always sent; when they leave too little room, the oldest exchanges of the chat give way,
 * whole, and the first message kept says that earlier ones were left out. Nothing that changes from turn to turn
 * goes before the chat, so servers can reuse the prompt they already processed.
 */
public final class RequestComposer {
    /** Put in front of the first message kept when earlier ones were left out. */
    public static final String LEFT_OUT_NOTE = "(Earlier messages of this chat were left out to fit the model's "
            + "context window.)";
    /** The offered specs may take at most this share of the budget; the chat needs the rest. */
    public static final double SPEC_SHARE = 0.35;

    private final TokenEstimator estimator;
    private final String model;
    private final ContextWindow window;
    private final int reserve;

    public RequestComposer(TokenEstimator estimator, String model, ContextWindow window, Integer maxTokens) {
        this.estimator = estimator;
        this.model = model;
        this.window = window;
        this.reserve = window.replyReserve(maxTokens);
    }

    /** Tokens a request may take: the window less the reply's reserve. */
    public int budget() {
        return window.size() - reserve;
    }

    /**
     * The specs a turn offers: all when they fit their share of the budget, otherwise the most relevant ones. The
     * share is counted with the first, uncorrected estimate, so the offer depends only on the library, the window and
     * what the user asked, not on how the server's counts moved the estimate: the same question gets the same front
     * of the request. Decided once per turn, so every request of the turn starts the same.
     */
    public FunctionOffer offer(List<ObjectNode> approved, List<Message> history) {
        int allowance = (int) (budget() * SPEC_SHARE);
        return FunctionSelector.choose(approved, history, allowance, FunctionSelector::rawCost);
    }

    /**
     * The request for {@code history} with {@code offer}'s specs.
     *
     * @throws UserFacingException when the instructions and the current turn alone do not fit; the sentence says
     *                             what to do
     */
    public ComposedRequest compose(Instructions instructions, Instructions.Placement placement, boolean nativeTools,
                                   FunctionOffer offer, List<Message> history) throws UserFacingException {
        // When the turn itself needs the room, the least relevant specs give way, one by one; find_functions can
        // still reach every function.
        for (int count = offer.byRelevance().size(); count >= 0; count--) {
            ComposedRequest request = fit(instructions, placement, nativeTools, offer.mostRelevant(count), history);
            if (request != null) {
                return request;
            }
        }
        FunctionOffer none = new FunctionOffer(List.of(), offer.approved());
        List<Integer> starts = exchangeStarts(history);
        int needed = estimate(TokenEstimator.raw(Instructions.apply(instructionText(instructions, nativeTools, none),
                placement, kept(history, starts.get(starts.size() - 1), starts.size() > 1)),
                nativeTools ? nativeTools(none) : List.of()));
        throw new UserFacingException(tooLong(needed));
    }

    /** The request with the fewest earlier exchanges left out, or null when even the current turn alone is too long. */
    private ComposedRequest fit(Instructions instructions, Instructions.Placement placement, boolean nativeTools,
                                FunctionOffer offer, List<Message> history) {
        String text = instructionText(instructions, nativeTools, offer);
        List<ToolSpec> tools = nativeTools ? nativeTools(offer) : List.of();
        List<Integer> starts = exchangeStarts(history);
        // The resting points first, so that a chat that has outgrown the window keeps the same front for several
        // turns; then every exchange, for a turn too large to keep even the latest resting point.
        List<Integer> candidates = new ArrayList<>(restingPoints(history, starts, budget() / 4));
        candidates.addAll(starts);
        for (int from : candidates) {
            List<Message> kept = kept(history, from, from > 0);
            List<ChatMessage> messages = Instructions.apply(text, placement, kept);
            int raw = TokenEstimator.raw(messages, tools);
            if (estimate(raw) <= budget()) {
                return new ComposedRequest(messages, tools, raw, report(instructions, nativeTools, offer, text,
                        tools, raw, from));
            }
        }
        return null;
    }

    /**
     * Where a request may start once earlier messages must be left out: the beginning, then the first exchange after
     * every {@code step} tokens of the chat. Leaving out one exchange per turn would change the front of every
     * request, and a server reuses its cache only up to the first byte that differs, so it would read the whole chat
     * again each turn. Jumping from one resting point to the next leaves out at least {@code step} tokens at once,
     * and the front then stays the same until the chat has grown by that much again. The points are counted from the
     * chat's beginning in raw characters, so they do not move as the chat grows or as the server's counts correct
     * the estimate.
     */
    static List<Integer> restingPoints(List<Message> history, List<Integer> starts, int step) {
        List<Integer> points = new ArrayList<>(List.of(0));
        long size = 0;
        long next = step;
        int message = 0;
        for (int start : starts) {
            for (; message < start; message++) {
                size += TokenEstimator.raw(history.get(message).content());
            }
            if (start > 0 && size >= next) {
                points.add(start);
                next = size + step;
            }
        }
        return points;
    }

    private String tooLong(int needed) {
        String raise = window.sent()
                ? "raise the context size in Settings (numCtx)"
                : "start the model server with a larger context (llama-server's -c option, or the context length "
                + "setting of LM Studio or vLLM)";
        return "This message, the function results of this turn and the instructions need about " + needed
                + " tokens, more than the " + budget() + " that the model's context window of " + window.size()
                + " tokens leaves after keeping " + reserve + " for the reply. To go on, " + raise
                + ", shorten the message, or start a new chat.";
    }

    private ContextReport report(Instructions instructions, boolean nativeTools, FunctionOffer offer, String text,
                                 List<ToolSpec> tools, int raw, int firstKept) {
        int plain = estimate(TokenEstimator.raw(instructionText(instructions, nativeTools, FunctionOffer.all(List.of()))));
        int withSpecs = estimate(TokenEstimator.raw(text) + TokenEstimator.raw(List.of(), tools));
        int total = estimate(raw);
        return new ContextReport(window.size(), reserve, plain, Math.max(0, withSpecs - plain),
                Math.max(0, total - withSpecs), firstKept, offer.names(), offer.approved());
    }

    private int estimate(int raw) {
        return estimator.estimate(model, raw);
    }

    /** The instructions with the offered specs, and a line saying how to find the others when some are not shown. */
    static String instructionText(Instructions instructions, boolean nativeTools, FunctionOffer offer) {
        String text = instructions.text(offer.specs(), nativeTools);
        if (offer.complete() || nativeTools) {
            return text;
        }
        return text + "\nOnly " + offer.specs().size() + " of the " + offer.approved() + " approved functions are "
                + "described here. Call `" + FindFunctions.NAME + "` to find the others.\n";
    }

    private static List<ToolSpec> nativeTools(FunctionOffer offer) {
        List<ToolSpec> tools = new ArrayList<>(NativeTools.tools(offer.specs()));
        tools.add(FindFunctions.tool());
        return tools;
    }

    /** The messages from {@code from} on; the first one says that earlier messages were left out, if they were. */
    private static List<Message> kept(List<Message> history, int from, boolean leftOut) {
        List<Message> kept = new ArrayList<>(history.subList(from, history.size()));
        if (leftOut && !kept.isEmpty()) {
            Message first = kept.get(0);
            kept.set(0, new Message(first.kind(), LEFT_OUT_NOTE + "\n\n" + first.content(), first.images(),
                    first.time(), first.incomplete(), first.calls(), first.tokensPerSecond()));
        }
        return kept;
    }

    /**
     * Where the request may start: the beginning, then each earlier user message, and last the current turn's user
     * message. An exchange (a user message and every reply and result up to the next one) is kept or dropped whole,
     * so a call is never sent without its output, or an output without its call.
     */
    static List<Integer> exchangeStarts(List<Message> history) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int current = currentTurnStart(history);
        for (int i = 1; i <= current; i++) {
            if (history.get(i).kind() == Message.Kind.USER) {
                starts.add(i);
            }
        }
        return starts;
    }

    /** The latest user message's index: the current turn starts there. */
    static int currentTurnStart(List<Message> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).kind() == Message.Kind.USER) {
                return i;
            }
        }
        return 0;
    }

}
