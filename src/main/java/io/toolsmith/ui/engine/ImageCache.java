package io.toolsmith.ui.engine;

import io.toolsmith.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images are stored in a chat as base64 (as they are sent to the model); the chat shows thumbnails from
 * files. Each image is written once, named by its hash, so reopening a chat costs no new files.
 * Blocking; background executor only.
 */
final class ImageCache {
    private static final Logger LOG = LoggerFactory.getLogger(ImageCache.class);
    private final Path folder;

    ImageCache(Path folder) {
        this.folder = folder;
    }

    List<Path> files(List<String> base64Images) {
        List<Path> files = new ArrayList<>();
        for (String image : base64Images) {
            try {
                files.add(file(image));
            } catch (IOException | IllegalArgumentException e) {
                // One unreadable image must not hide the chat; it is left out and noted in the log.
                LOG.warn("An image of a saved chat could not be shown: {}", e.getMessage());
            }
        }
        return files;
    }

    private Path file(String base64) throws IOException {
        Path file = folder.resolve(hash(base64) + ".img");
        if (!Files.exists(file)) {
            AtomicFiles.write(file, Base64.getDecoder().decode(base64));
        }
        return file;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
