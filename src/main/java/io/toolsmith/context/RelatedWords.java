package io.toolsmith.context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups of general English words that mean much the same to someone asking for a function ("paid", "spent",
 * "expense"), read from {@code related-words.txt} and stemmed as the index stems. Users seldom use a function's own
 * words, and a word index alone cannot see that "drop it" asks for a delete.
 */
final class RelatedWords {
    private static final String RESOURCE = "/io/toolsmith/context/related-words.txt";
    private static final RelatedWords STANDARD = load();

    private final Map<String, Set<String>> groups;

    private RelatedWords(Map<String, Set<String>> groups) {
        this.groups = groups;
    }

    static RelatedWords standard() {
        return STANDARD;
    }

    /** The stemmed words related to the stemmed {@code term}, without the term itself; empty when none are. */
    Set<String> of(String term) {
        Set<String> others = new LinkedHashSet<>(groups.getOrDefault(term, Set.of()));
        others.remove(term);
        return others;
    }

    static RelatedWords parse(String text) {
        Map<String, Set<String>> groups = new TreeMap<>();
        try (SearchAnalyzer analyzer = new SearchAnalyzer()) {
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Set<String> group = new LinkedHashSet<>(analyzer.terms(line));
                // A word in two groups is related to the words of both.
                group.forEach(term -> groups.computeIfAbsent(term, t -> new LinkedHashSet<>()).addAll(group));
            }
        }
        return new RelatedWords(groups);
    }

    private static RelatedWords load() {
        try (InputStream in = RelatedWords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }
}
