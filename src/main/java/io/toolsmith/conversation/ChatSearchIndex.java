package io.toolsmith.conversation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chats' text as a Lucene index on disk: one document per chat file, with the file's stamp (size, time, identity)
 * so only files changed since can be read again. Only a cache: a damaged or unreadable index is deleted and built
 * again from the chat files, and when another Toolsmith holds it, this one keeps its own index in memory. Not
 * thread-safe.
 */
final class ChatSearchIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatSearchIndex.class);
    static final String FILE = "file";
    static final String ID = "id";
    static final String STAMP = "stamp";
    static final String UPDATED = "updated";
    static final String TEXT = "text";

    private final StandardAnalyzer analyzer = new StandardAnalyzer(CharArraySet.EMPTY_SET);
    private final Directory directory;
    private final IndexWriter writer;
    private final Map<String, String> stamps;
    private DirectoryReader reader;
    private boolean changed;

    private ChatSearchIndex(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.reader = DirectoryReader.open(writer);
        this.stamps = readStamps(reader);
    }

    /** The index in {@code folder}, made anew if it cannot be read, or one in memory if it cannot be had at all. */
    static ChatSearchIndex open(Path folder) {
        try {
            return onDisk(folder);
        } catch (LockObtainFailedException e) {
            LOG.info("The chat search index {} is in use by another Toolsmith; this one searches from memory.", folder);
        } catch (IOException | RuntimeException e) {
            LOG.info("The chat search index {} could not be read ({}); it is built again.", folder, e.toString());
            try {
                delete(folder);
                return onDisk(folder);
            } catch (IOException | RuntimeException again) {
                LOG.warn("The chat search index {} could not be made ({}); chats are searched from memory.", folder,
                        again.toString());
            }
        }
        try {
            ByteBuffersDirectory memory = new ByteBuffersDirectory();
            return new ChatSearchIndex(memory, new IndexWriter(memory, new IndexWriterConfig(
                    new StandardAnalyzer(CharArraySet.EMPTY_SET))));
        } catch (IOException e) {
            throw new IllegalStateException("An index in memory could not be made", e);
        }
    }

    private static ChatSearchIndex onDisk(Path folder) throws IOException {
        Files.createDirectories(folder);
        FSDirectory directory = FSDirectory.open(folder);
        try {
            IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer(CharArraySet.EMPTY_SET))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            return new ChatSearchIndex(directory, new IndexWriter(directory, config));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    StandardAnalyzer analyzer() {
        return analyzer;
    }

    /** The stamp of the chat file named {@code file} when it was indexed; null when it is not. */
    String stamp(String file) {
        return stamps.get(file);
    }

    Set<String> files() {
        return Set.copyOf(stamps.keySet());
    }

    /**
     * Indexes a chat file: its id and text (null for a file that cannot be read, which then is never a hit but is not
     * read again until it changes).
     */
    void put(String file, String stamp, String id, long updated, String text) throws IOException {
        Document document = new Document();
        document.add(new StringField(FILE, file, Field.Store.YES));
        document.add(new StoredField(STAMP, stamp));
        document.add(new NumericDocValuesField(UPDATED, updated));
        if (id != null && text != null) {
            document.add(new StoredField(ID, id));
            document.add(new TextField(TEXT, text, Field.Store.YES));
        }
        writer.updateDocument(new Term(FILE, file), document);
        stamps.put(file, stamp);
        changed = true;
    }

    void remove(String file) throws IOException {
        writer.deleteDocuments(new Term(FILE, file));
        stamps.remove(file);
        changed = true;
    }

    /** A searcher over what was put so far; the changes are committed first, so the next start need not redo them. */
    IndexSearcher searcher() throws IOException {
        if (changed) {
            writer.commit();
            changed = false;
            DirectoryReader fresh = DirectoryReader.openIfChanged(reader, writer);
            if (fresh != null) {
                reader.close();
                reader = fresh;
            }
        }
        return new IndexSearcher(reader);
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
            writer.close();
        } finally {
            directory.close();
        }
    }

    private static Map<String, String> readStamps(DirectoryReader reader) throws IOException {
        Map<String, String> stamps = new HashMap<>();
        Set<String> fields = Set.of(FILE, STAMP);
        for (LeafReaderContext leaf : reader.leaves()) {
            Bits live = leaf.reader().getLiveDocs();
            var stored = leaf.reader().storedFields();
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                if (live == null || live.get(doc)) {
                    Document document = stored.document(doc, fields);
                    String file = document.get(FILE);
                    String stamp = document.get(STAMP);
                    if (file != null && stamp != null) {
                        stamps.put(file, stamp);
                    }
                }
            }
        }
        return stamps;
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                if (!path.equals(folder)) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
