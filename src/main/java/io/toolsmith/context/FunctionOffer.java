package io.toolsmith.context;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The approved functions whose specs one turn's requests carry, in name order so the front of the request stays
 * the same from one request to the next.
 *
 * @param specs    the offered specs, ordered by name
 * @param approved how many functions are approved in all
 */
public record FunctionOffer(List<ObjectNode> specs, int approved) {

    public FunctionOffer {
        specs = List.copyOf(specs);
    }

    public static FunctionOffer all(List<ObjectNode> approved) {
        return new FunctionOffer(FunctionSelector.byName(approved), approved.size());
    }

    public boolean complete() {
        return specs.size() == approved;
    }

    public List<String> names() {
        return specs.stream().map(s -> s.path("name").asText("")).toList();
    }
}
