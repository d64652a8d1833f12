package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A block that meant to call a function but cannot be run. {@code id} and {@code function} are null when the
 * block did not name them; {@code problem} is a sentence the model can act on when it is sent back as an error.
 */
public record MalformedCall(JsonNode id, String function, String problem, String raw) {

    /**
     * The same call with an id made up for its answer, because every call block is answered with a function_output
     * and an output needs an id. The problem says so, so the model can match the answer to its block.
     */
    public MalformedCall withMadeUpId(String madeUp) {
        return new MalformedCall(TextNode.valueOf(madeUp), function, problem + " The block had no readable \"id\", so "
                + "this answer uses the id \"" + madeUp + "\"; give every call its own id.", raw);
    }
}
