package io.toolsmith.conversation;

import io.toolsmith.testing.TestJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second Toolsmith for the lock tests, in its own JVM: locks a chat file, reads it, says "locked", waits for a
 * line on stdin, then adds its turn, saves and exits.
 */
public final class ConversationTurnProcess {
    public static final String LOCKED = "locked";

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (ConversationLock lock = ConversationLock.acquire(file, Duration.ofSeconds(30))) {
            Conversation chat = Files.exists(file) ? ConversationStore.load(file) : Conversation.create("qwen3:8b");
            System.out.println(LOCKED);
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            chat.add(Message.user(args[1], java.util.List.of()));
            ConversationStore.saveTo(file, chat);
        }
    }

    /** Starts the process and returns once it holds the lock. */
    public static Process startHolding(Path file, String message) throws Exception {
        Process process = new ProcessBuilder(TestJvm.command(ConversationTurnProcess.class.getName(), file.toString(),
                message)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!LOCKED.equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("the second process did not take the lock: " + line);
        }
        return process;
    }

    /** Lets the process finish its turn and waits for it to exit. */
    public static int finish(Process process) throws Exception {
        process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        return process.waitFor();
    }
}
