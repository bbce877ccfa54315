package org.partnershipatlas.loaders.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * Every resource of every class in label order, kept in the text index's Lucene folder and built with it, for lists
 * paged by a key: a page starts after the last entry of the one before (Lucene's search-after over sorted doc
 * values), so page 1 and page 3,000 cost the same, where SPARQL sorts every resource of the class for each page.
 *
 * <pre>
 *   TypeListing.Page first = index.listing().page(PA.Partnership.getURI(), null, 50);
 *   TypeListing.Page next = index.listing().page(PA.Partnership.getURI(), first.last(), 50);
 * </pre>
 *
 * The entries are those of the library query {@code resources-of-type-after}, its plain-SPARQL twin, in its order:
 * each resource (an IRI) typed with the class or a subclass of it ({@code rdfs:subClassOf*}), once with each of its
 * {@code skos:prefLabel}s, or if it has none each {@code dcterms:title}, or if none its IRI, as text; ordered by that
 * text and then the IRI, compared as Java and SPARQL compare strings (UTF-16 code units, which the keys' UTF-16BE
 * bytes keep).
 */
public final class TypeListing {
    static final String CLASS = "atlas.list.class";
    static final String LABEL_KEY = "atlas.list.labelKey";
    static final String RESOURCE_KEY = "atlas.list.resourceKey";
    static final String LABEL = "atlas.list.label";
    static final String RESOURCE = "atlas.list.resource";

    private static final Sort ORDER = new Sort(
            new SortField(LABEL_KEY, SortField.Type.STRING), new SortField(RESOURCE_KEY, SortField.Type.STRING));
    private static final Sort REVERSED = new Sort(
            new SortField(LABEL_KEY, SortField.Type.STRING, true),
            new SortField(RESOURCE_KEY, SortField.Type.STRING, true));

    /** An entry: a resource under one of its labels. */
    public record Entry(String label, String resource) {}

    /**
     * Entries of a page, in order, and whether there are more beyond it (after it when paging forwards, before it
     * when paging backwards).
     */
    public record Page(List<Entry> entries, boolean more) {
        public Entry first() {
            return entries.isEmpty() ? null : entries.get(0);
        }

        public Entry last() {
            return entries.isEmpty() ? null : entries.get(entries.size() - 1);
        }
    }

    private final LatestSearcher searcher;

    TypeListing(Directory directory) {
        this.searcher = new LatestSearcher(directory);
    }

    /** The first {@code size} entries of a class after {@code after} (from the start if null). */
    public Page page(String classIri, Entry after, int size) {
        return search(classIri, after, size, false);
    }

    /** The last {@code size} entries of a class before {@code before}, in order. */
    public Page pageBefore(String classIri, Entry before, int size) {
        return search(classIri, before, size, true);
    }

    /** How many entries a class has. */
    public int count(String classIri) {
        return searcher.search(s -> s == null ? 0 : s.count(query(classIri)));
    }

    /** The entry at a position of the class's list (0 is the first), or null if there are fewer entries. */
    public Entry at(String classIri, int position) {
        if (position < 0) {
            return null;
        }
        return searcher.search(s -> {
            if (s == null) {
                return null;
            }
            TopDocs docs = s.search(query(classIri), position + 1, ORDER);
            return docs.scoreDocs.length <= position ? null : entry(s.storedFields(), docs.scoreDocs[position]);
        });
    }

    private Page search(String classIri, Entry from, int size, boolean backwards) {
        if (size < 1) {
            throw new IllegalArgumentException("a page holds at least one entry");
        }
        return searcher.search(s -> {
            if (s == null) {
                return new Page(List.of(), false);
            }
            Sort sort = backwards ? REVERSED : ORDER;
            TopDocs docs;
            if (from == null) {
                docs = s.search(query(classIri), size + 1, sort);
            } else {
                // The key itself need not be in the index (it may have gone in a reload); the highest document number
                // makes every entry with an equal key count as seen.
                FieldDoc after = new FieldDoc(s.getIndexReader().maxDoc() - 1, Float.NaN, new Object[] {
                    key(from.label()), key(from.resource())
                });
                docs = s.searchAfter(after, query(classIri), size + 1, sort);
            }
            StoredFields stored = s.storedFields();
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < Math.min(size, docs.scoreDocs.length); i++) {
                entries.add(entry(stored, docs.scoreDocs[i]));
            }
            if (backwards) {
                Collections.reverse(entries);
            }
            return new Page(List.copyOf(entries), docs.scoreDocs.length > size);
        });
    }

    private static Query query(String classIri) {
        return new TermQuery(new Term(CLASS, classIri));
    }

    private static Entry entry(StoredFields stored, ScoreDoc hit) throws IOException {
        Document d = stored.document(hit.doc);
        return new Entry(d.get(LABEL), d.get(RESOURCE));
    }

    static BytesRef key(String text) {
        return new BytesRef(text.getBytes(StandardCharsets.UTF_16BE));
    }

    synchronized void close() {
        searcher.close();
    }

    /**
     * Adds the entries of every class in the store (all graphs) to the writer; returns how many. Call it in a read
     * transaction, after the writer's old documents are deleted, and commit after.
     */
    static long index(IndexWriter writer, DatasetGraph dsg) throws IOException {
        Graph union = dsg.getUnionGraph();
        Map<Node, Set<Node>> supers = new HashMap<>();
        long n = 0;
        for (Iterator<Triple> it = union.find(Node.ANY, RDF.type.asNode(), Node.ANY); it.hasNext(); ) {
            Triple t = it.next();
            Node resource = t.getSubject();
            if (!resource.isURI()) {
                continue;
            }
            // A resource with several types is listed once per class: under the type that sorts first by IRI.
            Set<Node> classes = supers.computeIfAbsent(t.getObject(), c -> superclasses(union, c));
            List<Node> earlier = new ArrayList<>();
            for (Iterator<Triple> types = union.find(resource, RDF.type.asNode(), Node.ANY); types.hasNext(); ) {
                Node other = types.next().getObject();
                if (other.toString().compareTo(t.getObject().toString()) < 0) {
                    earlier.add(other);
                }
            }
            List<String> labels = null;
            for (Node c : classes) {
                if (!c.isURI()
                        || earlier.stream()
                                .anyMatch(o -> supers.computeIfAbsent(o, x -> superclasses(union, x))
                                        .contains(c))) {
                    continue;
                }
                if (labels == null) {
                    labels = labels(union, resource);
                }
                for (String label : labels) {
                    writer.addDocument(document(c.getURI(), label, resource.getURI()));
                    n++;
                }
            }
        }
        return n;
    }

    private static Document document(String classIri, String label, String resource) {
        Document d = new Document();
        d.add(new StringField(CLASS, classIri, Field.Store.NO));
        d.add(new SortedDocValuesField(LABEL_KEY, key(label)));
        d.add(new SortedDocValuesField(RESOURCE_KEY, key(resource)));
        d.add(new StoredField(LABEL, label));
        d.add(new StoredField(RESOURCE, resource));
        return d;
    }

    /** The class and every class it is a subclass of, through any number of rdfs:subClassOf. */
    static Set<Node> superclasses(Graph union, Node type) {
        Set<Node> seen = new LinkedHashSet<>();
        ArrayDeque<Node> queue = new ArrayDeque<>(List.of(type));
        while (!queue.isEmpty()) {
            Node next = queue.poll();
            if (seen.add(next)) {
                union.find(next, RDFS.subClassOf.asNode(), Node.ANY).forEachRemaining(s -> queue.add(s.getObject()));
            }
        }
        return seen;
    }

    /** Its preferred labels, else its titles, else its IRI, as text; each once. */
    static List<String> labels(Graph union, Node resource) {
        for (Node property : List.of(SKOS.prefLabel.asNode(), DCTerms.title.asNode())) {
            Set<String> values = new TreeSet<>();
            for (Iterator<Triple> it = union.find(resource, property, Node.ANY); it.hasNext(); ) {
                Node o = it.next().getObject();
                if (o.isLiteral()) {
                    values.add(o.getLiteralLexicalForm());
                } else if (o.isURI()) {
                    values.add(o.getURI());
                }
            }
            if (!values.isEmpty()) {
                return List.copyOf(values);
            }
        }
        return List.of(resource.getURI());
    }
}
