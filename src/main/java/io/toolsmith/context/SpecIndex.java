package io.toolsmith.context;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The approved functions' specs as a small in-memory text index, ranked with BM25 against what the user wrote.
 * Each spec is indexed by its name (split at underscores and capitals, and counted twice: names are chosen to say
 * what a function does), its description, its parameters and their descriptions, its errors and its examples'
 * prompts. English stemming ({@link SearchAnalyzer}) lets "expenses" find {@code record_expense}, and a word of the query also looks for its
 * {@link RelatedWords} at a lower weight, so "I paid" finds it too. Built again only when the library changed
 * ({@link FunctionSelector} keeps the last one). Not thread-safe.
 */
public final class SpecIndex {
    /** Query words beyond this many add little and would only slow the search. */
    private static final int MAX_QUERY_TERMS = 256;
    /** A word's related words count this much of the word itself: the user's own word is the better evidence. */
    static final double RELATED_WEIGHT = 0.4;
    private static final String NAME = "name";
    private static final String TEXT = "text";

    private final SearchAnalyzer analyzer = new SearchAnalyzer();
    private final IndexSearcher searcher;
    private final RelatedWords related = RelatedWords.standard();

    public SpecIndex(List<? extends JsonNode> specs) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setSimilarity(new BM25Similarity()))) {
            for (JsonNode spec : specs) {
                Document document = new Document();
                document.add(new StoredField(NAME, spec.path("name").asText("")));
                document.add(new TextField(TEXT, searchableText(spec), Field.Store.NO));
                writer.addDocument(document);
            }
            writer.commit();
            searcher = new IndexSearcher(DirectoryReader.open(directory));
            searcher.setSimilarity(new BM25Similarity());
        } catch (IOException e) {
            // An in-memory directory does no I/O that can fail.
            throw new UncheckedIOException("Could not index the function specs", e);
        }
    }

    /**
     * Names of the specs that match {@code texts}, best first, at most {@code limit}. Each text's words count with
     * its weight (the latest user message more than earlier ones); specs that share no word are left out.
     */
    public List<String> rank(Map<String, Double> texts, int limit) {
        Map<String, Double> own = new LinkedHashMap<>();
        texts.forEach((text, weight) -> {
            for (String term : analyze(text)) {
                own.merge(term, weight, Math::max);
            }
        });
        Map<String, Double> terms = new LinkedHashMap<>(own);
        own.forEach((term, weight) -> related.of(term).forEach(other ->
                terms.merge(other, weight * RELATED_WEIGHT, Math::max)));
        if (terms.isEmpty() || limit <= 0) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.entrySet().stream().limit(MAX_QUERY_TERMS).forEach(e -> {
            Query term = new TermQuery(new Term(TEXT, e.getKey()));
            query.add(new BoostQuery(term, e.getValue().floatValue()), BooleanClause.Occur.SHOULD);
        });
        try {
            List<String> names = new ArrayList<>();
            var storedFields = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
                names.add(storedFields.document(hit.doc).get(NAME));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not search the function specs", e);
        }
    }

    /** One text ranked alone, as {@code find_functions} asks. */
    public List<String> rank(String text, int limit) {
        return rank(Map.of(text, 1.0), limit);
    }

    List<String> analyze(String text) {
        return analyzer.terms(splitIdentifiers(text));
    }

    static String searchableText(JsonNode spec) {
        StringBuilder text = new StringBuilder();
        String name = spec.path("name").asText("");
        text.append(name).append(". ").append(name).append(". ");
        text.append(spec.path("description").asText("")).append(' ');
        spec.path("parameters").path("properties").fields().forEachRemaining(p ->
                text.append(p.getKey()).append(' ').append(p.getValue().path("description").asText("")).append(' '));
        for (JsonNode error : spec.path("errors")) {
            text.append(error.path("name").asText("")).append(' ').append(error.path("description").asText("")).append(' ');
        }
        for (JsonNode example : spec.path("examples")) {
            text.append(example.path("prompt").asText("")).append(' ');
        }
        return splitIdentifiers(text.toString());
    }

    /** {@code record_expense} and {@code recordExpense} become "record expense", so they match the words. */
    static String splitIdentifiers(String text) {
        return text.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ');
    }
}
