package io.toolsmith.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The functions' data folder: lists its files with their kind. Stateless; safe from any thread. */
public final class DataFolder {
    private final Path dir;

    public DataFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Files directly in the folder and below it, sorted by name; hidden temporary files are left out. */
    public List<DataFile> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<DataFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(f).toString().replace('\\', '/');
                if (f.getFileName().toString().startsWith(".")) {
                    continue;
                }
                out.add(new DataFile(name, Files.size(f), Files.getLastModifiedTime(f).toInstant(), kindOf(f)));
            }
        }
        return out;
    }

    /** By extension, else by the first byte: 0x80 starts every pickle of protocol 2 or later. */
    static DataFile.Kind kindOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pkl") || name.endsWith(".pickle") || name.endsWith(".p")) {
            return DataFile.Kind.PICKLE;
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl")) {
            return DataFile.Kind.JSON;
        }
        if (name.endsWith(".csv")) {
            return DataFile.Kind.CSV;
        }
        if (name.endsWith(".txt") || name.endsWith(".md") || name.endsWith(".log")) {
            return DataFile.Kind.TEXT;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x80 ? DataFile.Kind.PICKLE : DataFile.Kind.OTHER;
        } catch (IOException e) {
            return DataFile.Kind.OTHER;
        }
    }
}
