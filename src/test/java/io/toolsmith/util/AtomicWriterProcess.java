package io.toolsmith.util;

import java.nio.file.Path;

/** Child process for {@link AtomicFilesTest}: rewrites one large file forever until it is killed, saying after each version. */
public final class AtomicWriterProcess {
    static final int LINES = 40_000;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        for (long version = 0; ; version++) {
            StringBuilder text = new StringBuilder("begin " + version + "\n");
            for (int i = 0; i < LINES; i++) {
                text.append("line ").append(i).append(" of version ").append(version).append('\n');
            }
            AtomicFiles.writeString(file, text.append("end ").append(version).append('\n').toString());
            // tells the test a version is complete, so it can kill this process while the next one is written
            System.out.println("written " + version);
            System.out.flush();
        }
    }

    static boolean isComplete(String text) {
        if (!text.startsWith("begin ")) {
            return false;
        }
        String version = text.substring(6, text.indexOf('\n'));
        return text.endsWith("end " + version + "\n") && text.lines().count() == LINES + 2;
    }
}
