package io.toolsmith.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.toolsmith.app.Engine;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.protocol.CallSource;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.util.List;
import java.util.UUID;

/**
 * Runs MCP calls in this process through the chat's own path: the permit is asked for at call time (an approval
 * revoked a moment ago counts), then the engine's call runner validates the arguments, saves the data folder, runs
 * the function in the sandbox and writes the activity entry, with the client's name as its source.
 */
public final class LocalCalls implements CallExecutor {
    private final Engine engine;
    private final AskPolicyConfirmation confirmation;

    public LocalCalls(Engine engine, AskPolicyConfirmation confirmation) {
        this.engine = engine;
        this.confirmation = confirmation;
    }

    @Override
    public CallReply call(String client, String function, ObjectNode arguments) {
        String source = sourceName(client);
        ObjectNode args = arguments == null ? Json.MAPPER.createObjectNode() : arguments;
        FunctionCall call = new FunctionCall(TextNode.valueOf("mcp-" + UUID.randomUUID()), function, args,
                CallSource.NATIVE, List.of());
        CallPermit permit = engine.library().permit(function);
        switch (permit.kind()) {
            case RUN:
                return run(call, permit, source);
            case ASK:
                if (!confirmation.canAsk()) {
                    return CallReply.refused("ConfirmationNeededError", function + " is approved, but set to ask "
                            + "before every call, and Toolsmith's window is not open to ask you, so it was not run. "
                            + "Open Toolsmith and call it again to confirm it there, or let it run without asking: "
                            + "toolsmith functions policy " + function + " auto.");
                }
                if (!confirmation.confirm(source, permit)) {
                    return CallReply.refused("CallRefusedError", permit.refusal());
                }
                // Asked again after the answer: the approval may have changed while the question was open.
                CallPermit now = engine.library().permit(function);
                return now.kind() == CallPermit.Kind.ASK || now.kind() == CallPermit.Kind.RUN
                        ? run(call, now, source)
                        : CallReply.refused("NotApprovedError", now.sentence());
            case UNKNOWN:
                return CallReply.refused("UnknownFunctionError", permit.sentence());
            default:
                return CallReply.refused("NotApprovedError", permit.sentence()
                        + " It becomes callable once the user approves it in Toolsmith.");
        }
    }

    /** A sandbox that cannot start answers as a refused call ("SandboxError"), as any failure inside it does. */
    private CallReply run(FunctionCall call, CallPermit permit, String source) {
        return CallReply.of(engine.callRunner().run(call, permit, Cancellation.none(), source));
    }

    /** "MCP: Claude Desktop": the host's own name, marked as coming over MCP; the name is the host's to choose. */
    static String sourceName(String client) {
        String name = client == null || client.isBlank() ? "unnamed client" : client.strip();
        name = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "MCP: " + (name.length() > 80 ? name.substring(0, 80) : name);
    }
}
