package io.toolsmith.context;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Message;
import io.toolsmith.protocol.Prompts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Chooses which approved specs a turn offers when all of them would take more than their share of the budget:
 * first the functions this chat already called (latest first), then the best matches for the recent user messages,
 * then the rest in name order, as long as they fit. The model can ask for others with {@code find_functions}.
 */
public final class FunctionSelector {
    /**
     * The user messages the ranking reads, newest first: the latest counts three times, the one before twice, the
     * third once, as the latest says what this turn is about and the earlier ones what the chat is about.
     */
    static final int RECENT_USER_MESSAGES = 3;

    private static final Object INDEX_LOCK = new Object();
    /** What the last index was built from: copies, so that a spec changed later is not taken for the one indexed. */
    private static List<ObjectNode> indexedSpecs = List.of();
    private static SpecIndex index;

    private FunctionSelector() {
    }

    /**
     * The ranking of {@link SpecIndex}, from the index of the last library ranked when the library is the same: most
     * turns offer from the library the turn before did, and indexing it was most of a turn's choice (hundreds of
     * specs). Turns of several chats rank one at a time, in milliseconds.
     */
    static List<String> rank(List<ObjectNode> approved, Map<String, Double> texts, int limit) {
        synchronized (INDEX_LOCK) {
            if (index == null || !indexedSpecs.equals(approved)) {
                index = new SpecIndex(approved);
                indexedSpecs = approved.stream().map(ObjectNode::deepCopy).toList();
            }
            return index.rank(texts, limit);
        }
    }

    /**
     * @param allowance tokens the specs may take
     * @param cost      the tokens one spec takes in the request
     */
    public static FunctionOffer choose(List<ObjectNode> approved, List<Message> history, int allowance,
                                       ToIntFunction<ObjectNode> cost) {
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        approved.forEach(spec -> byName.putIfAbsent(spec.path("name").asText(""), spec));
        Set<String> wanted = new LinkedHashSet<>(usedInChat(history));
        wanted.addAll(rank(approved, recentUserText(history), byName.size()));
        // Room the matches leave goes to the others in name order: more for the model to see, and an offer that
        // changes less from one question to the next.
        byName.keySet().stream().sorted().forEach(wanted::add);
        List<ObjectNode> chosen = new ArrayList<>();
        int left = allowance;
        for (String name : wanted) {
            ObjectNode spec = byName.get(name);
            if (spec == null) {
                continue;
            }
            int tokens = cost.applyAsInt(spec);
            if (tokens <= left) {
                chosen.add(spec);
                left -= tokens;
            }
        }
        return new FunctionOffer(chosen, approved.size());
    }

    /** What one spec costs as it is sent: its {@code function_spec} block. */
    public static int rawCost(ObjectNode spec) {
        return TokenEstimator.raw(Prompts.specsBlock(List.of(spec))) + 1;
    }

    static List<ObjectNode> byName(List<ObjectNode> specs) {
        return specs.stream().sorted(Comparator.comparing((ObjectNode s) -> s.path("name").asText(""))).toList();
    }

    /** Functions the model called in this chat, the latest first. */
    static List<String> usedInChat(List<Message> history) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            for (CallRecord call : history.get(i).calls()) {
                if (call.function() != null && !call.function().isBlank()) {
                    names.add(call.function());
                }
            }
        }
        return List.copyOf(names);
    }

    static Map<String, Double> recentUserText(List<Message> history) {
        Map<String, Double> texts = new LinkedHashMap<>();
        int seen = 0;
        for (int i = history.size() - 1; i >= 0 && seen < RECENT_USER_MESSAGES; i--) {
            Message message = history.get(i);
            if (message.kind() == Message.Kind.USER) {
                texts.merge(message.content(), (double) (RECENT_USER_MESSAGES - seen), Math::max);
                seen++;
            }
        }
        return texts;
    }
}
