package io.toolsmith.llm;

import java.util.Locale;

/**
 * Turns a host setting into a base URL the way Ollama's own client reads {@code OLLAMA_HOST}:
 * no scheme means http on port 11434, an explicit scheme defaults to its own port, a path is kept as a prefix,
 * and bind-all addresses become loopback so that they can be connected to.
 */
public final class OllamaHost {
    public static final String DEFAULT = "http://127.0.0.1:11434";
    private static final int DEFAULT_PORT = 11434;

    private OllamaHost() {
    }

    /** The option wins over the environment value; both may be null or blank. */
    public static String resolve(String option, String envValue) {
        String value = clean(option);
        if (value.isEmpty()) {
            value = clean(envValue);
        }
        return value.isEmpty() ? DEFAULT : parse(value);
    }

    private static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.strip();
        while (s.length() >= 1 && (s.startsWith("\"") || s.startsWith("'"))) {
            s = s.substring(1);
        }
        while (s.length() >= 1 && (s.endsWith("\"") || s.endsWith("'"))) {
            s = s.substring(0, s.length() - 1);
        }
        return s.strip();
    }

    private static String parse(String value) {
        String scheme = "http";
        int port = DEFAULT_PORT;
        String rest = value;
        int schemeEnd = value.indexOf("://");
        if (schemeEnd >= 0) {
            scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            rest = value.substring(schemeEnd + 3);
            port = switch (scheme) {
                case "https" -> 443;
                case "http" -> 80;
                default -> DEFAULT_PORT;
            };
        } else if (value.equalsIgnoreCase("ollama.com")) {
            return "https://ollama.com:443";
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash);
            rest = rest.substring(0, slash);
        }
        String host = rest;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            host = close > 0 ? rest.substring(1, close) : rest.substring(1);
            if (close > 0 && rest.length() > close + 1 && rest.charAt(close + 1) == ':') {
                portText = rest.substring(close + 2);
            }
        } else if (rest.chars().filter(c -> c == ':').count() == 1) {
            int colon = rest.indexOf(':');
            host = rest.substring(0, colon);
            portText = rest.substring(colon + 1);
        }
        port = parsePort(portText, port);
        host = connectable(host);
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + host + ":" + port + path;
    }

    private static int parsePort(String text, int fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text);
            return port >= 0 && port <= 65535 ? port : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Servers bind to 0.0.0.0 or :: to listen everywhere; a client must connect to loopback instead. */
    private static String connectable(String host) {
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
            return "::1";
        }
        return host;
    }
}
