package io.toolsmith.cli;

import io.toolsmith.llm.LlmException;
import io.toolsmith.llm.OllamaClient;
import io.toolsmith.llm.OllamaHost;
import io.toolsmith.util.Cancellation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toolsmith pull NAME}: downloads a model into Ollama with a progress line; Ctrl-C stops it. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Download a model into Ollama. Ctrl-C stops; running the same pull again resumes.")
public final class PullCommand implements Callable<Integer> {
    /** The shell's exit code for a command stopped by Ctrl-C. */
    private static final int INTERRUPTED = 130;

    @Parameters(paramLabel = "NAME", description = "Model to download, e.g. gemma3:12b.")
    String model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws LlmException {
        ToolsmithCommand root = (ToolsmithCommand) spec.root().userObject();
        OllamaClient ollama = new OllamaClient(OllamaHost.resolve(root.hostOption(), System.getenv("OLLAMA_HOST")));
        PrintWriter out = spec.commandLine().getOut();
        PullProgressLine progress = new PullProgressLine(out, System.console() != null, System::nanoTime);
        Cancellation cancel = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C starts JVM shutdown: close the download and give this thread a moment to say so.
        Thread onInterrupt = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pull-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            ollama.pull(model, progress::show, cancel);
            progress.finish();
            out.println("The model '" + model + "' is ready.");
            return 0;
        } catch (LlmException e) {
            progress.finish();
            if (e.kind() == LlmException.Kind.CANCELLED) {
                spec.commandLine().getErr().println(e.getMessage());
                return INTERRUPTED;
            }
            throw e;
        } finally {
            out.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
    }
}
