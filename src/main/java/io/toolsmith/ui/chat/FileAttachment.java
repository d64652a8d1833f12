package io.toolsmith.ui.chat;

import io.toolsmith.data.UserFiles;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A file the user attached to the next message: its text goes into the message ({@link Kind#TEXT}), or it was put
 * in the data folder and the message names it ({@link Kind#DATA_FOLDER}). Values only.
 *
 * @param name    the file's own name (TEXT) or the name it has in the data folder (DATA_FOLDER)
 * @param content the file's text (TEXT); null for DATA_FOLDER
 */
public record FileAttachment(Kind kind, String name, String content) {
    /** The most a message carries of one file: a larger file belongs in the data folder. */
    public static final int MAX_TEXT_BYTES = 100 * 1024;
    /** The suffixes offered in the file chooser for attaching to the message; other text files are taken too. */
    public static final List<String> TEXT_SUFFIXES = List.of(".txt", ".csv", ".tsv", ".json", ".md", ".markdown");
    static final List<String> IMAGE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp");

    public enum Kind { TEXT, DATA_FOLDER }

    static boolean isImage(Path file) {
        return IMAGE_SUFFIXES.contains(suffix(file.getFileName().toString()));
    }

    /**
     * Reads {@code file} as text to go into the message. Blocking (a file read). A file in {@code dataFolder} (may be
     * null) is read with that folder's rules: a link there is not followed (it could lead to a host file, which
     * would then go to the model) and a pipe is not opened.
     *
     * @throws UserFacingException with the sentence for the user when it is too large, not text, or unreadable
     */
    static FileAttachment readText(Path file, Path dataFolder) throws UserFacingException {
        String name = file.getFileName().toString();
        try {
            byte[] bytes = UserFiles.read(file, dataFolder, MAX_TEXT_BYTES, size -> name + " has " + kilobytes(size)
                    + ", more than the " + kilobytes(MAX_TEXT_BYTES) + " a message can carry. Put it in the data"
                    + " folder instead (Attach ▸ To the data folder), where functions can read all of it.");
            return new FileAttachment(Kind.TEXT, name, decode(bytes, name));
        } catch (IOException e) {
            throw new UserFacingException(name + " could not be read (" + e.getMessage() + "). Check that it"
                    + " still exists and attach it again.", e);
        }
    }

    /** UTF-8 text without NUL bytes; anything else is a binary file that no message can carry. */
    private static String decode(byte[] bytes, String name) throws UserFacingException {
        for (byte b : bytes) {
            if (b == 0) {
                throw notText(name);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notText(name);
        }
    }

    private static UserFacingException notText(String name) {
        return new UserFacingException(name + " is not a text file, so it cannot go into the message: only text,"
                + " CSV, JSON and Markdown files can. To let a function read it, put it in the data folder"
                + " (Attach ▸ To the data folder).");
    }

    private static String kilobytes(long bytes) {
        return String.format(Locale.ROOT, "%,d KB", (bytes + 1023) / 1024);
    }

    private static String suffix(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    /** What the model reads for this attachment, after the user's own text. */
    String forMessage() {
        if (kind == Kind.DATA_FOLDER) {
            return "I put the file `" + name + "` in the data folder; functions can open it as `~/data/" + name + "`.";
        }
        String fence = fenceFor(content);
        String language = switch (suffix(name)) {
            case ".csv" -> "csv";
            case ".tsv" -> "tsv";
            case ".json" -> "json";
            case ".md", ".markdown" -> "markdown";
            default -> "text";
        };
        return "Attached file `" + name + "`:\n" + fence + language + "\n" + content.stripTrailing() + "\n" + fence;
    }

    /** A fence longer than any run of backticks in the text, so the file cannot close it early. */
    static String fenceFor(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** The user's text followed by what each attachment says. */
    static String message(String text, List<FileAttachment> files) {
        StringBuilder message = new StringBuilder(text);
        for (FileAttachment file : files) {
            if (!message.isEmpty()) {
                message.append("\n\n");
            }
            message.append(file.forMessage());
        }
        return message.toString();
    }
}
