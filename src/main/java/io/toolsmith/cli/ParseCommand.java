package io.toolsmith.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.protocol.PrettyJson;
import io.toolsmith.protocol.ReplyParser;
import io.toolsmith.protocol.ReplyReport;
import io.toolsmith.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code toolsmith parse [FILE…]}: reads model replies (Markdown) and prints what Toolsmith finds in them —
 * blocks, calls, malformed calls, specs, warnings — as JSON. With {@code --jsonl}, each input line is a JSON
 * object with a {@code content} field and each output line is that reply's report.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Show the blocks, calls and specs Toolsmith reads from model replies (Markdown files or stdin).")
public final class ParseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Reply files to read; stdin when none is given.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--jsonl", description = "Read lines of {\"content\": …} and write one report line per input line.")
    boolean jsonl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where stdin is read from; replaced only by tests. */
    InputStream stdin = System.in;

    private final ReplyParser parser = new ReplyParser();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (files.isEmpty() && jsonl) {
            // Streamed so a pipe gets each report as soon as its line is read.
            reportLines(out, new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)));
        } else if (files.isEmpty()) {
            emit(out, "-", new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
        } else {
            for (Path file : files) {
                emit(out, file.toString(), read(file));
            }
        }
        out.flush();
        return 0;
    }

    private void emit(PrintWriter out, String name, String text) throws IOException {
        if (jsonl) {
            reportLines(out, new BufferedReader(new StringReader(text)));
            return;
        }
        ObjectNode report = ReplyReport.toJson(parser.parse(text));
        if (files.size() > 1) {
            ObjectNode named = Json.MAPPER.createObjectNode().put("file", name);
            named.setAll(report);
            report = named;
        }
        out.println(PrettyJson.write(report));
    }

    private void reportLines(PrintWriter out, BufferedReader lines) throws IOException {
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (!line.isBlank()) {
                out.println(Json.MAPPER.writeValueAsString(reportLine(line, number)));
                out.flush();
            }
        }
    }

    private ObjectNode reportLine(String line, int number) {
        ObjectNode result = Json.MAPPER.createObjectNode().put("line", number);
        JsonNode input;
        try {
            input = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return result.put("error", "Line " + number + " is not valid JSON: " + e.getOriginalMessage() + ".");
        }
        JsonNode content = input.path("content");
        if (!content.isTextual()) {
            return result.put("error", "Line " + number + " has no \"content\" string; each line must look like "
                    + "{\"content\": \"…\"}.");
        }
        result.setAll(ReplyReport.toJson(parser.parse(content.asText())));
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new ExitCodeException(2, "Could not read " + file + " (" + reason(e) + "); check the path and that "
                    + "the file is UTF-8 text.");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
