package io.toolsmith.conversation;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.WildcardQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the chats whose messages contain a text, newest first, with a line around the first match. The index
 * ({@link ChatSearchIndex}) narrows the chats to those holding every word of the query somewhere in a word of theirs;
 * each of those is then checked for the query itself in one message ({@link ChatText}), so the search finds exactly
 * what Ctrl+F finds once the chat is open. Before each search the chat files are compared with what was indexed (size,
 * time, identity), so chats saved by another process, deleted or damaged are seen at once; only changed files are
 * read. The index is opened on the first search. Thread-safe.
 */
public final class ChatSearch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatSearch.class);
    /** More words than this narrow the candidates no further worth the work; the check of the text sees them all. */
    private static final int MAX_WORDS = 8;
    private static final int MAX_CANDIDATES = 10_000;
    private static final Sort NEWEST_FIRST = new Sort(new SortField(ChatSearchIndex.UPDATED, SortField.Type.LONG, true));
    private final Path folder;
    private final Path indexFolder;
    private ChatSearchIndex index;

    /** Searches the chats in {@code folder}, keeping its index in {@code indexFolder} (a cache). */
    public ChatSearch(Path folder, Path indexFolder) {
        this.folder = folder;
        this.indexFolder = indexFolder;
    }

    /** The chats, newest first and at most {@code limit}, that have a message containing {@code query}. */
    public synchronized List<ChatHit> search(String query, int limit) throws UserFacingException {
        String normalized = ChatText.normalize(query);
        if (normalized.isEmpty() || limit <= 0) {
            return List.of();
        }
        try {
            if (index == null) {
                index = ChatSearchIndex.open(indexFolder);
            }
            catchUp();
            return hits(index.searcher(), normalized, limit);
        } catch (IOException e) {
            throw new UserFacingException("The chats could not be searched (" + e.getMessage() + "). Their titles are"
                    + " still searched; check that " + indexFolder + " is writable, or delete that folder.", e);
        }
    }

    @Override
    public synchronized void close() {
        if (index != null) {
            try {
                index.close();
            } catch (IOException e) {
                LOG.debug("The chat search index did not close cleanly", e);
            }
            index = null;
        }
    }

    /** Reads the chat files changed since they were indexed, and forgets the ones that are gone. */
    private void catchUp() throws IOException {
        Set<String> present = new HashSet<>();
        for (Path file : ChatIndex.chatFiles(folder)) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                continue;
            }
            String name = file.getFileName().toString();
            present.add(name);
            String stamp = attributes.size() + "|" + attributes.lastModifiedTime() + "|" + attributes.fileKey();
            if (!stamp.equals(index.stamp(name))) {
                add(file, name, stamp);
            }
        }
        for (String gone : index.files()) {
            if (!present.contains(gone)) {
                index.remove(gone);
            }
        }
    }

    private void add(Path file, String name, String stamp) throws IOException {
        try {
            Conversation chat = ConversationStore.load(file);
            Instant updated = chat.summary().updated();
            index.put(name, stamp, chat.id(), updated == null ? 0 : updated.toEpochMilli(), ChatText.of(chat.messages()));
        } catch (UserFacingException e) {
            LOG.warn("{} It is left out of the search.", e.getMessage());
            index.put(name, stamp, null, 0, null);
        }
    }

    private List<ChatHit> hits(IndexSearcher searcher, String query, int limit) throws IOException {
        List<ChatHit> hits = new ArrayList<>();
        var stored = searcher.storedFields();
        Set<String> fields = Set.of(ChatSearchIndex.ID, ChatSearchIndex.TEXT);
        for (ScoreDoc candidate : searcher.search(candidates(query), MAX_CANDIDATES, NEWEST_FIRST).scoreDocs) {
            Document document = stored.document(candidate.doc, fields);
            String id = document.get(ChatSearchIndex.ID);
            String text = document.get(ChatSearchIndex.TEXT);
            String snippet = id == null || text == null ? null : ChatText.snippet(text, query);
            if (snippet != null) {
                hits.add(new ChatHit(id, snippet));
                if (hits.size() == limit) {
                    break;
                }
            }
        }
        return hits;
    }

    /**
     * Chats holding each word of the query inside one of their words (the query may begin or end in the middle of a
     * word); every chat when the query has no words at all ("€", "->"), which the check of the text then decides.
     */
    private Query candidates(String query) throws IOException {
        List<String> words = words(query);
        if (words.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : words) {
            all.add(new WildcardQuery(new Term(ChatSearchIndex.TEXT, "*" + escape(word) + "*")), BooleanClause.Occur.MUST);
        }
        return all.build();
    }

    private List<String> words(String query) throws IOException {
        List<String> words = new ArrayList<>();
        try (TokenStream stream = index.analyzer().tokenStream(ChatSearchIndex.TEXT, query)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && words.size() < MAX_WORDS) {
                words.add(term.toString());
            }
            stream.end();
        }
        return words;
    }

    private static String escape(String word) {
        StringBuilder escaped = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (c == '*' || c == '?' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
