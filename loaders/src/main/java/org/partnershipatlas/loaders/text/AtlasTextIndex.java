package org.partnershipatlas.loaders.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextHit;
import org.apache.jena.query.text.TextIndexConfig;
import org.apache.jena.query.text.TextIndexLucene;
import org.apache.jena.query.text.TextQuery;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.SKOS;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.partnershipatlas.loaders.store.StoreVersion;
import org.partnershipatlas.ontology.PA;

/**
 * The Atlas's Lucene index (jena-text). One field per indexed property; values stored so that hits can be shown
 * with the matched words highlighted.
 *
 * <pre>
 *   AtlasTextIndex index = AtlasTextIndex.open(Path.of("var/tdb2-text"));
 *   index.rebuild(dsg);
 *   List&lt;AtlasTextIndex.Hit&gt; hits = index.search("burglary", 20);
 * </pre>
 *
 * Registered in the store's context, so SPARQL can use it:
 * {@code ?s text:query (skos:prefLabel "burglary")} or {@code ?s text:query "description:burglary"}.
 */
public final class AtlasTextIndex implements AutoCloseable {
    /** Highlight markers, jena-text's defaults (its option parser drops custom ones): replaced when a hit is shown. */
    public static final String START = "\u21A6";

    public static final String END = "\u21A4";

    /** The indexed fields and the properties they hold. */
    static final Map<String, Node> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("label", SKOS.prefLabel.asNode());
        FIELDS.put("altLabel", SKOS.altLabel.asNode());
        FIELDS.put("title", DCTerms.title.asNode());
        FIELDS.put("description", DCTerms.description.asNode());
        FIELDS.put("definition", SKOS.definition.asNode());
        FIELDS.put("outcome", NodeFactory.createURI(PA.NS + "outcome"));
    }

    /** The indexed properties, as jena-text asks for them in one query. */
    private static final List<Resource> PROPERTIES = FIELDS.values().stream()
            .map(n -> ResourceFactory.createProperty(n.getURI()))
            .map(Resource.class::cast)
            .toList();

    private static final String DATA_VERSION = "atlas.dataVersion";

    /** What the index holds; an index of another format counts as built from no data, so it is rebuilt on open. */
    private static final String FORMAT = "atlas.indexFormat";

    /** 2: with the {@link TypeListing} entries; 3: and the {@link GuidanceCatalogue}; 4: its entries current first. */
    private static final String CURRENT_FORMAT = "4";

    /** Where the index lives, or null in memory. */
    private final Path path;

    private volatile TextIndexLucene index;

    private volatile TypeListing listing;

    private volatile GuidanceCatalogue guidance;

    /** Counts the commits and reopenings of the index in this JVM ({@link #generation()}). */
    private final AtomicLong generation = new AtomicLong();

    private AtlasTextIndex(Path path, Directory directory) {
        this.path = path;
        this.index = create(directory);
        this.listing = new TypeListing(directory);
        this.guidance = new GuidanceCatalogue(directory);
    }

    private static TextIndexLucene create(Directory directory) {
        EntityDefinition definition = new EntityDefinition("uri", "label", SKOS.prefLabel.asNode());
        FIELDS.forEach(definition::set);
        definition.setLangField("lang");
        TextIndexConfig config = new TextIndexConfig(definition);
        config.setValueStored(true);
        return new TextIndexLucene(directory, config);
    }

    /** The index in a directory (created if missing). */
    public static AtlasTextIndex open(Path directory) {
        try {
            return new AtlasTextIndex(directory, FSDirectory.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An index in memory, for tests. */
    public static AtlasTextIndex inMemory() {
        return new AtlasTextIndex(null, new ByteBuffersDirectory());
    }

    /**
     * Closes the index and opens it again from its folder: after a storage fault, Lucene's writer is closed for good.
     * Register it again afterwards ({@link #register}).
     */
    public void reopen() {
        reopenAfter(() -> {});
    }

    /**
     * Closes the index, runs {@code whileClosed} (which may move its folder: a store swapped in whole, with its index)
     * and opens the index in its folder again. Register it again afterwards ({@link #register}).
     */
    public void reopenAfter(Runnable whileClosed) {
        if (path == null) {
            whileClosed.run();
            return;
        }
        try {
            index.close();
        } catch (RuntimeException e) {
            // A writer closed by the fault may fail to close again; the new one below is what counts.
        }
        listing.close();
        guidance.close();
        try {
            whileClosed.run();
        } finally {
            openAgain();
        }
    }

    private void openAgain() {
        try {
            Directory directory = FSDirectory.open(path);
            index = create(directory);
            listing = new TypeListing(directory);
            guidance = new GuidanceCatalogue(directory);
            generation.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets SPARQL's {@code text:query} in queries on this dataset use the index. */
    public void register(DatasetGraph dsg) {
        dsg.getContext().set(TextQuery.textIndex, index);
    }

    /** The resources of each class in label order, built with the index ({@link TypeListing}). */
    public TypeListing listing() {
        return listing;
    }

    /** The guidance catalogue with its facets, built with the index ({@link GuidanceCatalogue}). */
    public GuidanceCatalogue guidance() {
        return guidance;
    }

    /**
     * Empties the index and indexes every value of the indexed properties in the store (all graphs), the resources
     * of each class in label order ({@link TypeListing}) and the guidance catalogue ({@link GuidanceCatalogue});
     * returns the count of values.
     */
    public long rebuild(DatasetGraph dsg) {
        return Txn.calculateRead(dsg, () -> {
            try {
                index.getIndexWriter().deleteAll();
                long n = 0;
                for (Map.Entry<String, Node> field : FIELDS.entrySet()) {
                    for (Iterator<Triple> it = dsg.getUnionGraph().find(Node.ANY, field.getValue(), Node.ANY);
                            it.hasNext(); ) {
                        Triple t = it.next();
                        if (!t.getSubject().isURI() || !t.getObject().isLiteral()) {
                            continue;
                        }
                        Entity entity = new Entity(
                                t.getSubject().getURI(), null, t.getObject().getLiteralLanguage(), null);
                        entity.put(field.getKey(), t.getObject().getLiteralLexicalForm());
                        index.addEntity(entity);
                        n++;
                    }
                }
                TypeListing.index(index.getIndexWriter(), dsg);
                GuidanceCatalogue.index(index.getIndexWriter(), dsg);
                // The version of the data indexed, so that an index left behind by a crash can be recognised.
                index.getIndexWriter()
                        .setLiveCommitData(Map.of(DATA_VERSION, StoreVersion.of(dsg), FORMAT, CURRENT_FORMAT)
                                .entrySet());
                index.commit();
                // After the commit: what is read under the new number is the new index.
                generation.incrementAndGet();
                return n;
            } catch (IOException e) {
                index.rollback();
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Counts the changes of the index in this JVM (each rebuild's commit, each reopening): an answer read from the
     * index is current while this number stays the same, so it can be kept under it (with the store's data stamp).
     */
    public long generation() {
        return generation.get();
    }

    /**
     * The version of the data the index was last built from ({@link StoreVersion}), or "" if never built or built in
     * an older format.
     */
    public String dataVersion() {
        try {
            if (!DirectoryReader.indexExists(index.getDirectory())) {
                return "";
            }
            Map<String, String> data =
                    SegmentInfos.readLatestCommit(index.getDirectory()).getUserData();
            return CURRENT_FORMAT.equals(data.get(FORMAT)) ? data.getOrDefault(DATA_VERSION, "") : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** A search hit: the resource, its best score and the matching text with {@link #START}/{@link #END} marks. */
    public record Hit(String resource, float score, List<String> snippets) {}

    /** Searches every field for the words typed (Lucene syntax in them is taken literally); best first. */
    public List<Hit> search(String text, int limit) {
        String escaped = QueryParser.escape(text.strip());
        if (escaped.isBlank()) {
            return List.of();
        }
        // One query over every field (jena-text opens the index afresh for each query: one query per field cost ten
        // openings a search). Each entry holds one field, so each hit comes with its field's text, highlighted, and
        // its score is that field's, as if asked alone. jena-text highlights every entry it returns, so it is asked
        // for a few entries per result wanted, and for more only if those name fewer resources than wanted.
        Map<String, Hit> bySubject = new LinkedHashMap<>();
        List<TextHit> hits;
        int asked = limit * 4;
        while (true) {
            hits = index.query(PROPERTIES, escaped, null, null, asked, "highlight:");
            if (hits.size() < asked
                    || hits.stream().map(h -> h.getNode().getURI()).distinct().count() >= limit) {
                break;
            }
            asked *= 4;
        }
        for (TextHit h : hits) {
            String uri = h.getNode().getURI();
            String snippet = h.getLiteral() == null ? null : h.getLiteral().getLiteralLexicalForm();
            Hit earlier = bySubject.get(uri);
            List<String> snippets = new ArrayList<>(earlier == null ? List.of() : earlier.snippets());
            if (snippet != null && snippet.contains(START) && snippets.size() < 3) {
                snippets.add(snippet);
            }
            float score = earlier == null ? h.getScore() : Math.max(earlier.score(), h.getScore());
            bySubject.put(uri, new Hit(uri, score, List.copyOf(snippets)));
        }
        return bySubject.values().stream()
                .sorted((a, b) -> Float.compare(b.score(), a.score()))
                .limit(limit)
                .toList();
    }

    @Override
    public void close() {
        listing.close();
        guidance.close();
        index.close();
    }
}
