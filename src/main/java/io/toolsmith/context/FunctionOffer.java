package io.toolsmith.context;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The approved functions whose specs one turn's requests carry, in name order so the front of the request stays
 * the same from one request to the next.
 *
 * @param byRelevance the offered specs, the most relevant first (the order they give way in when room is short)
 * @param approved    how many functions are approved in all
 */
public record FunctionOffer(List<ObjectNode> byRelevance, int approved) {

    public FunctionOffer {
        byRelevance = List.copyOf(byRelevance);
    }

    public static FunctionOffer all(List<ObjectNode> approved) {
        return new FunctionOffer(approved, approved.size());
    }

    /** The offered specs in name order, as they are sent. */
    public List<ObjectNode> specs() {
        return FunctionSelector.byName(byRelevance);
    }

    /** The {@code count} most relevant of these. */
    public FunctionOffer mostRelevant(int count) {
        return new FunctionOffer(byRelevance.subList(0, Math.max(0, Math.min(count, byRelevance.size()))), approved);
    }

    public boolean complete() {
        return byRelevance.size() == approved;
    }

    /** The offered functions' names, in name order. */
    public List<String> names() {
        return specs().stream().map(s -> s.path("name").asText("")).toList();
    }
}
