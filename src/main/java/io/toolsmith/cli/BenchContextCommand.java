package io.toolsmith.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.context.ComposedRequest;
import io.toolsmith.context.ContextWindow;
import io.toolsmith.context.FunctionOffer;
import io.toolsmith.context.RequestComposer;
import io.toolsmith.context.TokenEstimator;
import io.toolsmith.conversation.Instructions;
import io.toolsmith.conversation.Message;
import io.toolsmith.llm.ChatMessage;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolsmith bench context}: with libraries of 10 to 1,000 approved functions, how large the first request of a
 * chat is, and how often the function a request needs is among those offered. The requests are labelled sets written
 * for this, in a user's words rather than the function's: the "tuned" set, which the ranking's word lists were
 * adjusted against, and the "unseen" set, which they never were, so the figure for it says how the ranking does on
 * requests nobody tuned it for. The rest of each library is generated.
 */
@Command(name = "context", mixinStandardHelpOptions = true,
        description = "Measure request size and whether the needed function is offered, for libraries of 10 to 1,000 functions.")
final class BenchContextCommand implements Callable<Integer> {
    private static final List<String> VERBS = List.of("record", "list", "delete", "update", "summarize", "export",
            "import", "search", "count", "rename", "archive", "schedule", "remind", "compare", "validate", "merge",
            "split", "plot", "share", "print");
    private static final List<String> NOUNS = List.of("invoice", "contact", "note", "meeting", "recipe", "workout",
            "book", "movie", "plant", "trip", "temperature", "task", "photo", "song", "habit", "receipt", "lesson",
            "project", "ticket", "vehicle", "device", "order", "payment", "visit", "goal");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--window", defaultValue = "8192", description = "Context window in tokens (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--sizes", split = ",", defaultValue = "10,100,300,1000",
            description = "Library sizes to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--misses", description = "Also list, for each library, the requests whose function was not offered.")
    boolean misses;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Labelled> labelled = labelled();
        Map<String, List<Request>> sets = new LinkedHashMap<>();
        List<Request> tuned = new ArrayList<>();
        labelled.forEach(l -> tuned.add(new Request(l.name(), l.request())));
        tuned.addAll(requests("context-requests-more.tsv"));
        sets.put("tuned", tuned);
        sets.put("unseen", requests("context-requests-unseen.tsv"));
        Instructions instructions = Instructions.defaults();
        ObjectNode report = Json.MAPPER.createObjectNode().put("window", window)
                .put("instructionTokens", TokenEstimator.raw(instructions.text(List.of(), false)));
        ArrayNode rows = report.putArray("libraries");
        if (!json) {
            out.printf("Window %,d tokens; instructions alone %,d characters (about %,d tokens); %d labelled functions; "
                            + "%d requests the word lists were tuned on, %d they were not.%n",
                    window, instructions.text(List.of(), false).length(),
                    TokenEstimator.raw(instructions.text(List.of(), false)), labelled.size(), tuned.size(),
                    sets.get("unseen").size());
            out.println("functions  set     requests  needed one offered  offered  request tokens (mean / max)  all specs sent  ms/request");
        }
        for (int size : sizes) {
            List<ObjectNode> library = library(labelled, size);
            Set<String> names = new HashSet<>();
            library.forEach(s -> names.add(s.path("name").asText()));
            for (Map.Entry<String, List<Request>> set : sets.entrySet()) {
                List<Request> asked = set.getValue().stream().filter(r -> names.contains(r.name())).toList();
                if (asked.isEmpty()) {
                    continue;
                }
                ObjectNode row = measure(library, asked, instructions);
                if (row == null) {
                    out.println("The instructions alone do not fit a window of " + window + " tokens.");
                    return 1;
                }
                row.put("functions", size).put("set", set.getKey());
                rows.add(row);
                if (!json) {
                    int hits = row.get("offeredNeeded").asInt();
                    out.printf("%9d  %-6s  %8d  %10d (%3.0f%%)  %7.1f  %,14d / %,6d  %,14d  %10.1f%n", size,
                            set.getKey(), asked.size(), hits, 100.0 * hits / asked.size(),
                            row.get("offeredMean").asDouble(), row.get("requestTokensMean").asLong(),
                            row.get("requestTokensMax").asInt(), row.get("allSpecsTokens").asInt(),
                            row.get("millisPerRequest").asDouble());
                    if (misses) {
                        row.path("notOffered").forEach(m -> out.println("    not offered: " + m.asText()));
                    }
                    out.flush();
                }
            }
        }
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(report));
        } else {
            out.println("Tokens are estimated at 3.5 characters each; a model's tokenizer usually counts somewhat fewer.");
        }
        return 0;
    }

    /** One library against one set of requests; null when not even the instructions fit the window. */
    private ObjectNode measure(List<ObjectNode> library, List<Request> asked, Instructions instructions) {
        int hits = 0;
        long offered = 0;
        long tokens = 0;
        int most = 0;
        List<String> missed = new ArrayList<>();
        long start = System.nanoTime();
        for (Request request : asked) {
            List<Message> history = List.of(Message.user(request.text(), List.of()));
            RequestComposer composer = new RequestComposer(new TokenEstimator(), "bench",
                    new ContextWindow(window, false, true), 4096);
            FunctionOffer offer = composer.offer(library, history);
            ComposedRequest sent;
            try {
                sent = composer.compose(instructions, Instructions.Placement.SYSTEM, false, offer, history);
            } catch (io.toolsmith.util.UserFacingException e) {
                return null;
            }
            if (sent.report().offered().contains(request.name())) {
                hits++;
            } else {
                missed.add(request.name() + ": " + request.text());
            }
            offered += sent.report().offered().size();
            int requestTokens = TokenEstimator.raw(sent.messages(), sent.tools());
            tokens += requestTokens;
            most = Math.max(most, requestTokens);
        }
        double ms = (System.nanoTime() - start) / 1e6 / asked.size();
        int everything = TokenEstimator.raw(List.of(ChatMessage.system(instructions.text(library, false))), List.of());
        ObjectNode row = Json.MAPPER.createObjectNode().put("requests", asked.size()).put("offeredNeeded", hits)
                .put("offeredMean", offered / (double) asked.size()).put("requestTokensMean", tokens / asked.size())
                .put("requestTokensMax", most).put("allSpecsTokens", everything).put("millisPerRequest", ms);
        if (misses) {
            missed.forEach(row.putArray("notOffered")::add);
        }
        return row;
    }

    private record Labelled(String name, String description, List<String> parameters, String request) {
    }

    /** A request and the function it needs. */
    private record Request(String name, String text) {
    }

    private static List<Labelled> labelled() throws IOException {
        List<Labelled> rows = new ArrayList<>();
        for (String[] f : rows("context-requests.tsv")) {
            rows.add(new Labelled(f[0], f[1], List.of(f[2].split(",")), f[3]));
        }
        return rows;
    }

    private static List<Request> requests(String resource) throws IOException {
        return rows(resource).stream().map(f -> new Request(f[0], f[1])).toList();
    }

    private static List<String[]> rows(String resource) throws IOException {
        try (InputStream in = BenchContextCommand.class.getResourceAsStream("/io/toolsmith/bench/" + resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the application");
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
            return rows;
        }
    }

    /** The labelled functions first, then generated ones up to {@code size}. */
    private static List<ObjectNode> library(List<Labelled> labelled, int size) {
        List<ObjectNode> specs = new ArrayList<>();
        for (Labelled l : labelled.subList(0, Math.min(size, labelled.size()))) {
            specs.add(spec(l.name(), l.description(), l.parameters()));
        }
        for (int i = 0; specs.size() < size; i++) {
            String verb = VERBS.get(i % VERBS.size());
            String noun = NOUNS.get((i / VERBS.size()) % NOUNS.size());
            int round = i / (VERBS.size() * NOUNS.size());
            String name = verb + "_" + noun + (round == 0 ? "" : "_" + (round + 1));
            specs.add(spec(name, Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + "s a " + noun
                    + " kept in the " + noun + " list and returns what changed.", List.of(noun + "_id", "details")));
        }
        return specs;
    }

    private static ObjectNode spec(String name, String description, List<String> parameters) {
        ObjectNode spec = Json.MAPPER.createObjectNode().put("name", name).put("description", description);
        ObjectNode schema = spec.putObject("parameters").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (String parameter : parameters) {
            properties.putObject(parameter).put("type", "string").put("description", "The " + parameter.replace('_', ' ') + ".");
            required.add(parameter);
        }
        spec.putArray("responses").addObject().put("type", "object");
        return spec;
    }
}
