package io.toolsmith.context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English words reduced to a common stem, as {@link EnglishAnalyzer} does, and irregular verb forms reduced to their
 * verb: a stemmer cuts endings, so it leaves "took", "paid" and "lent" apart from "take", "pay" and "lend", and
 * people tell what happened in the past tense ("I paid", "gave my drill") while specs describe what a function does.
 * The forms are a fixed list of general English ({@code irregular-verbs.txt}), the same for every library.
 */
final class SearchAnalyzer extends Analyzer {
    private static final String RESOURCE = "/io/toolsmith/context/irregular-verbs.txt";
    private static final StemmerOverrideFilter.StemmerOverrideMap IRREGULAR = load();

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        result = new StemmerOverrideFilter(result, IRREGULAR);
        return new TokenStreamComponents(source, new PorterStemFilter(result));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /** The stemmed terms of {@code text}, in order. */
    List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the text", e);
        }
        return terms;
    }

    /**
     * Each line is a verb followed by its irregular forms; every form maps to the verb's own stem, so "paid" and
     * "pays" meet at "pai".
     */
    static StemmerOverrideFilter.StemmerOverrideMap parse(String text) {
        StemmerOverrideFilter.Builder builder = new StemmerOverrideFilter.Builder(false);
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] forms = line.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+");
            String stem = porter(forms[0]);
            for (int i = 1; i < forms.length; i++) {
                builder.add(forms[i], stem);
            }
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not build the irregular verb forms", e);
        }
    }

    private static String porter(String word) {
        try (Analyzer plain = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new PorterStemFilter(new LowerCaseFilter(source)));
            }
        }; TokenStream stream = plain.tokenStream("text", word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            String stem = stream.incrementToken() ? term.toString() : word;
            stream.end();
            return stem;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stem " + word, e);
        }
    }

    private static StemmerOverrideFilter.StemmerOverrideMap load() {
        try (InputStream in = SearchAnalyzer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }
}
