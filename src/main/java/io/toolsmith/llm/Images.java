package io.toolsmith.llm;

import java.util.Base64;

/** Image encoding for the two wire formats: Ollama wants bare padded base64, OpenAI a {@code data:} URL. */
public final class Images {
    private Images() {
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Standard padded base64 without a {@code data:} prefix, whatever form the caller had:
     * a data URL, URL-safe alphabet, missing padding or line breaks are all repaired.
     */
    public static String bareBase64(String image) {
        String s = image;
        if (s.startsWith("data:")) {
            int comma = s.indexOf(',');
            s = comma >= 0 ? s.substring(comma + 1) : "";
        }
        StringBuilder out = new StringBuilder(s.length() + 3);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                out.append('+');
            } else if (c == '_') {
                out.append('/');
            } else if (c != '=' && !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        while (out.length() % 4 != 0) {
            out.append('=');
        }
        return out.toString();
    }

    /** A {@code data:} URL with the media type guessed from the image's first bytes. */
    public static String dataUrl(String image) {
        String b64 = bareBase64(image);
        return "data:" + mediaType(b64) + ";base64," + b64;
    }

    private static String mediaType(String b64) {
        if (b64.startsWith("/9j/")) {
            return "image/jpeg";
        }
        if (b64.startsWith("UklGR")) {
            return "image/webp";
        }
        if (b64.startsWith("R0lGOD")) {
            return "image/gif";
        }
        return "image/png";
    }
}
