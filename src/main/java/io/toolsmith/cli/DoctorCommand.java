package io.toolsmith.cli;

import io.toolsmith.app.Engine;
import io.toolsmith.app.PythonProbe;
import io.toolsmith.llm.LlmException;
import io.toolsmith.llm.ModelInfo;
import io.toolsmith.llm.OllamaClient;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code toolsmith doctor}: one line per thing Toolsmith needs, and what to do about each that is missing. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the model server, Python, the sandbox and the data folder; exit non-zero if something required is missing.")
public final class DoctorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ToolsmithCommand root = (ToolsmithCommand) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        boolean healthy = true;
        try (Engine engine = Engine.open(root.home(), root.hostOption())) {
            healthy &= checkServer(engine, out);
            String python = engine.sandboxSettings().python();
            var probe = PythonProbe.probe(python);
            if (probe.isPresent()) {
                line(out, true, "Python", probe.get() + " (" + python + ")");
                healthy &= checkSandbox(engine, out);
            } else {
                healthy = false;
                line(out, false, "Python", python + " was not found. Install Python 3 (Debian/Ubuntu: `sudo apt install python3`;"
                        + " macOS: `brew install python`; Windows: python.org) and run doctor again.");
                line(out, false, "Sandbox", "needs Python 3 first.");
            }
            healthy &= checkDataFolder(engine.dataFolder(), out);
        }
        out.flush();
        return healthy ? 0 : 1;
    }

    /** The server must answer and offer at least one model; the advice names the kind of server in use. */
    private static boolean checkServer(Engine engine, PrintWriter out) {
        boolean ollama = engine.backend() instanceof OllamaClient;
        try {
            List<ModelInfo> models = engine.backend().listModels();
            String server = engine.backend() instanceof OllamaClient client ? "Ollama " + client.version()
                    : "OpenAI-compatible server";
            if (models.isEmpty()) {
                line(out, false, "Model server", server + " at " + engine.backend().endpoint() + " answers, but "
                        + engine.backend().noModelsHint());
                return false;
            }
            String names = models.size() + " model" + (models.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", models.stream().map(ModelInfo::name).limit(8).toList());
            line(out, true, "Model server", server + " at " + engine.backend().endpoint() + ", " + names);
            return true;
        } catch (LlmException e) {
            boolean absent = ollama && e.kind() == LlmException.Kind.UNREACHABLE;
            line(out, false, "Model server", e.getMessage() + (absent ? " " + installHint() : ""));
            return false;
        }
    }

    static String installHint() {
        String os = System.getProperty("os.name", "").toLowerCase();
        if (os.contains("mac")) {
            return "To install Ollama on macOS, download it from https://ollama.com/download and open it.";
        }
        if (os.contains("win")) {
            return "To install Ollama on Windows, run the installer from https://ollama.com/download.";
        }
        return "To install Ollama on Linux: `curl -fsSL https://ollama.com/install.sh | sh`, then `ollama serve`.";
    }

    private static boolean checkSandbox(Engine engine, PrintWriter out) {
        try {
            var isolation = engine.sandbox().isolation();
            String text = isolation.backend() + ", " + isolation.description();
            if (!isolation.isolated() && isLinux()) {
                text += " Install bubblewrap (`sudo apt install bubblewrap`) so functions run isolated.";
            }
            line(out, isolation.isolated(), "Sandbox", text);
            return true;
        } catch (UserFacingException e) {
            line(out, false, "Sandbox", e.getMessage());
            return false;
        }
    }

    private static boolean checkDataFolder(Path data, PrintWriter out) {
        try {
            Files.createDirectories(data);
            Path probe = Files.createTempFile(data, ".doctor", ".tmp");
            Files.delete(probe);
            line(out, true, "Data folder", data + " is writable");
            return true;
        } catch (IOException e) {
            line(out, false, "Data folder", data + " is not writable (" + e.getMessage()
                    + "). Choose another data folder in Settings or fix its permissions.");
            return false;
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase().contains("linux");
    }

    private static void line(PrintWriter out, boolean ok, String what, String text) {
        out.println((ok ? "ok    " : "FAIL  ") + what + ": " + text);
    }
}
