package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import io.toolsmith.functions.ExampleCheck.Verdict;
import io.toolsmith.functions.ExampleRunState;
import io.toolsmith.settings.Home;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's engine side watches the functions folder: code.py edited by hand (or by the command line) while the
 * window is open runs the function's examples by themselves, with the real sandbox, and the outcome is the edited
 * code's.
 */
class EditedFunctionExamplesTest {
    private static final String CODE = "def double(x):\n    return 2 * x\n";
    private static final String SPEC = "{\"name\": \"double\", \"description\": \"Doubles a number.\", \"parameters\":"
            + " {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"integer\"}}, \"required\": [\"x\"]},"
            + " \"responses\": [{\"type\": \"integer\"}], \"examples\": [{\"prompt\": \"twice 21\","
            + " \"parameters\": {\"x\": 21}, \"expected\": 42}]}";

    @TempDir
    Path home;

    @Test
    void codeEditedByHandWhileTheWindowIsOpenRunsTheExamplesByThemselves() throws Exception {
        try (Engine engine = Engine.open(new Home(home), "http://127.0.0.1:1")) {
            engine.library().addCode(CODE);
            engine.library().addSpec((ObjectNode) Json.MAPPER.readTree(SPEC));
            try (EngineServices services = new EngineServices(engine, url -> { })) {
                BlockingQueue<ExampleRunState> states = new LinkedBlockingQueue<>();
                services.functions().onExampleRun(states::add);
                services.functions().examplesBaselineRead().get(150, TimeUnit.SECONDS);

                Files.writeString(home.resolve("functions/double/code.py"), "def double(x):\n    return 3 * x\n");

                ExampleRunState end;
                do {
                    end = states.poll(150, TimeUnit.SECONDS);
                    assertNotNull(end, "the edit ran no examples");
                } while (end.active());
                assertEquals(ExampleRunState.Phase.DONE, end.phase(), end.toString());
                assertTrue(end.automatic());
                assertEquals(Verdict.FAILED, end.trial().runs().get(0).verdict());
                assertEquals("the result is 63, not 42", end.trial().runs().get(0).reason());
                assertFalse(engine.library().tested("double"));
            }
        }
    }
}
