package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions made from several threads at once (window, conversation loop) are all kept. */
class ConcurrentApprovalTest {
    @TempDir
    Path home;

    @Test
    void concurrentDecisionsOnOneModuleAreAllRecorded() throws Exception {
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(home.resolve("functions"), analyzer);
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                code.append("def f").append(i).append("(x):\n    return x + ").append(i).append("\n\n");
            }
            library.addCode(code.toString());
            for (int i = 0; i < 8; i++) {
                var spec = Fixtures.spec("list_expenses");
                spec.put("name", "f" + i);
                ((com.fasterxml.jackson.databind.node.ObjectNode) spec.at("/parameters/properties"))
                        .putObject("x").put("type", "number");
                spec.withArray("/parameters/required").add("x");
                library.addSpec(spec);
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Object>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String name = "f" + i;
                    boolean policyAsk = i % 2 == 0;
                    futures.add(pool.submit((Callable<Object>) () -> {
                        library.approve(name, false);
                        if (policyAsk) {
                            library.setPolicy(name, CallPolicy.ASK);
                        }
                        return library.permit(name).kind();
                    }));
                }
                for (Future<Object> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            var approvals = Json.MAPPER.readTree(home.resolve("functions/f0/approval.json").toFile());
            assertEquals(8, approvals.path("functions").size(), approvals.toString());
            assertEquals(4, approvals.path("policies").size());
            for (int i = 0; i < 8; i++) {
                assertEquals(i % 2 == 0 ? CallPermit.Kind.ASK : CallPermit.Kind.RUN, library.permit("f" + i).kind());
            }
        }
    }
}
