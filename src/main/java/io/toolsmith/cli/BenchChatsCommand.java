package io.toolsmith.cli;

import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Message;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolsmith bench chats}: what listing the chats costs with many chats holding images: reading every chat file
 * in full (as the list did before the index), building the index (a first start, or after it was lost), and listing
 * from the index. Runs in a temporary folder; the user's chats are not touched.
 */
@Command(name = "chats", mixinStandardHelpOptions = true,
        description = "Time listing N chats with images: every file read, the index built, the index used.")
public final class BenchChatsCommand implements Callable<Integer> {

    @Option(names = "--chats", defaultValue = "1000", description = "Chats to create (default: ${DEFAULT-VALUE}).")
    int chats;

    @Option(names = "--image-kib", defaultValue = "64", description = "Size of the image in each chat (default: ${DEFAULT-VALUE} KiB).")
    int imageKib;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, UserFacingException {
        if (chats < 1 || imageKib < 0) {
            throw new ExitCodeException(2, "--chats must be at least 1 and --image-kib at least 0.");
        }
        Path home = Files.createTempDirectory("toolsmith-bench-chats-");
        try {
            Path folder = home.resolve("conversations");
            Path index = home.resolve("cache/chat-index.json");
            ConversationStore store = new ConversationStore(folder, index);
            byte[] image = new byte[imageKib * 1024];
            new Random(1).nextBytes(image);
            String base64 = Base64.getEncoder().encodeToString(image);
            for (int i = 0; i < chats; i++) {
                ConversationSession chat = store.session(Conversation.create("gemma3:12b"));
                chat.add(Message.user("What is in picture " + i + "?", List.of(base64)));
                chat.add(Message.assistant("A picture of noise, number " + i + ".", false, 0));
                chat.save();
            }
            long bytes;
            try (Stream<Path> files = Files.list(folder)) {
                bytes = files.mapToLong(f -> f.toFile().length()).sum();
            }
            // On a shared machine one run says little: the best of three.
            double full = Double.MAX_VALUE;
            double rebuild = Double.MAX_VALUE;
            double indexed = Double.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                full = Math.min(full, time(() -> new ConversationStore(folder, index).loadAll()));
                Files.deleteIfExists(index);
                rebuild = Math.min(rebuild, time(() -> new ConversationStore(folder, index).list()));
                indexed = Math.min(indexed, time(() -> new ConversationStore(folder, index).list()));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%,d chats, %,.1f MiB of chat files (a %,d KiB image each); best of 3%n",
                    chats, bytes / 1048576.0, imageKib);
            out.printf(Locale.ROOT, "every chat file read in full: %,10.1f ms%n", full);
            out.printf(Locale.ROOT, "index built from the files:   %,10.1f ms%n", rebuild);
            out.printf(Locale.ROOT, "listed from the index:        %,10.1f ms%n", indexed);
            out.flush();
            return 0;
        } finally {
            deleteTree(home);
        }
    }

    private interface Work {
        Object run() throws IOException;
    }

    private static double time(Work work) throws IOException {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
