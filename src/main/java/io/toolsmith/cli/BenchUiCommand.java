package io.toolsmith.cli;

import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toolsmith bench ui}: opens the real window with a synthetic chat (offscreen where the headless platform is
 * on the class path, as in the tests; on the display otherwise), in a new JVM started with the launcher's options, and reports cold start, open time for a large chat, the
 * longest frame while a reply streams, and the memory of that process. With the hidden
 * {@code --in-process} option it is that measured process, and prints its figures as JSON.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Measure the window: cold start, opening a 1,000-message chat, frames while streaming, memory.")
public final class BenchUiCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Option(names = "--messages", defaultValue = "1000", description = "Messages in the chat to open (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--rate", defaultValue = "1000", description = "Streamed tokens per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "4", description = "How long to stream (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = WindowBenchmarkProcess.IN_PROCESS, hidden = true,
            description = "Measure the window in this JVM (the benchmark starts itself this way).")
    boolean inProcess;

    @Option(names = WindowBenchmarkProcess.STARTED_AT, hidden = true, defaultValue = "0",
            description = "When the process was started, in epoch milliseconds.")
    long startedAt;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || rate < 1 || seconds < 1) {
            throw new ExitCodeException(2, "--messages, --rate and --seconds must be positive numbers.");
        }
        PrintWriter out = spec.commandLine().getOut();
        WindowBenchmark window = WindowBenchmark.find().orElseThrow(() -> new ExitCodeException(1,
                "This build of Toolsmith has no window, so there is nothing to measure."));
        window.unavailable(System.getenv()).ifPresent(sentence -> {
            throw new ExitCodeException(1, sentence);
        });
        if (inProcess) {
            out.println(Json.MAPPER.writeValueAsString(window.run(messages, rate, seconds * 1000L, startedAt)));
            out.flush();
            return 0;
        }
        boolean debug = spec.root().userObject() instanceof ToolsmithCommand root && root.debug();
        UiBenchResult r = new WindowBenchmarkProcess(messages, rate, seconds, debug).run();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(r));
        } else {
            out.printf(Locale.ROOT, "cold start to first frame   %6d ms   (target < %d ms)%n", r.coldStartMillis(),
                    UiBenchResult.COLD_START_TARGET_MILLIS);
            out.printf(Locale.ROOT, "open %d-message chat      %6d ms   (target < %d ms)%n", r.messages(), r.openMillis(),
                    UiBenchResult.OPEN_TARGET_MILLIS);
            out.printf(Locale.ROOT, "streamed                    %6d tokens in %.1f s (%d tokens/s asked)%n",
                    r.tokensStreamed(), r.streamSeconds(), r.tokensPerSecondTarget());
            out.printf(Locale.ROOT, "longest frame gap           %6.1f ms   (target <= %.0f ms; %d of %d frames over)%n",
                    r.longestFrameMillis(), UiBenchResult.FRAME_TARGET_MILLIS, r.framesOver50Millis(), r.frames());
            out.printf(Locale.ROOT, "longest layout pass         %6.1f ms%n", r.longestLayoutMillis());
            out.printf(Locale.ROOT, "most CPU between frames     %6.1f ms FX thread, %.1f ms render thread%n",
                    r.longestFxCpuMillis(), r.longestRenderCpuMillis());
            out.printf(Locale.ROOT, "scrolling up %5d rows       %6.1f ms longest frame gap (%d of %d frames over), %.1f ms most FX CPU%n",
                    r.scrollRows(), r.longestScrollFrameMillis(), r.scrollFramesOver50Millis(), r.scrollFrames(),
                    r.longestScrollFxCpuMillis());
            out.printf(Locale.ROOT, "resident memory             %6d MB   (target < %d MB)%n", r.residentMb(),
                    UiBenchResult.RSS_TARGET_MB);
            out.printf(Locale.ROOT, "chat list nodes             %6d (%d message cells)%n", r.chatNodes(), r.renderedCells());
            out.println(r.meetsTargets() ? "All targets met." : "Some targets were missed.");
        }
        out.flush();
        return 0;
    }
}
