package io.toolsmith.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import java.time.Duration;

/** /api/pull progress streams as Ollama writes them. */
final class FakePulls {
    private FakePulls() {
    }

    static void success(FakeExchange ex, Duration delay, long... layerSizes) throws Exception {
        status(ex, Json.MAPPER.createObjectNode().put("status", "pulling manifest"));
        for (int layer = 0; layer < layerSizes.length; layer++) {
            String hex = String.format("%064x", layer + 0xdde5aa3fc5ffL);
            String digest = "sha256:" + hex;
            long total = layerSizes[layer];
            for (int step = 0; step <= 4; step++) {
                ex.pause(delay);
                ObjectNode line = Json.MAPPER.createObjectNode().put("status", "pulling " + hex.substring(0, 12))
                        .put("digest", digest).put("total", total);
                if (step > 0) {
                    line.put("completed", total * step / 4);
                }
                status(ex, line);
            }
        }
        status(ex, Json.MAPPER.createObjectNode().put("status", "verifying sha256 digest"));
        status(ex, Json.MAPPER.createObjectNode().put("status", "writing manifest"));
        status(ex, Json.MAPPER.createObjectNode().put("status", "success"));
    }

    /**
     * The manifest and a quarter of one layer, then nothing more until the client leaves: a download that is surely
     * under way, however slowly the client reads, when the user stops it.
     */
    static void stalled(FakeExchange ex, long layerSize) throws Exception {
        status(ex, Json.MAPPER.createObjectNode().put("status", "pulling manifest"));
        String hex = String.format("%064x", 0xdde5aa3fc5ffL);
        status(ex, Json.MAPPER.createObjectNode().put("status", "pulling " + hex.substring(0, 12))
                .put("digest", "sha256:" + hex).put("total", layerSize).put("completed", layerSize / 4));
        ex.pause(Duration.ofMinutes(5));
    }

    static void failure(FakeExchange ex, String error) throws Exception {
        status(ex, Json.MAPPER.createObjectNode().put("status", "pulling manifest"));
        status(ex, OllamaLines.error(error));
    }

    private static void status(FakeExchange ex, ObjectNode line) throws Exception {
        ex.chunk(200, FakeOllama.NDJSON, OllamaLines.line(line));
    }
}
