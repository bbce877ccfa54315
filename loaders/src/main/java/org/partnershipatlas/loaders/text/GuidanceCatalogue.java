package org.partnershipatlas.loaders.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.DocumentStatus;
import org.partnershipatlas.queries.DomainTree;

/**
 * The guidance catalogue (the portal's {@code /guidance}) kept in the text index's Lucene folder and built with it:
 * one document per row of the library query {@code guidance-catalogue}, its plain-SPARQL twin, with its facets
 * (problem domain, publisher, source, year) counted by Lucene's facet module and its list paged by a key.
 *
 * <pre>
 *   GuidanceCatalogue.Result r = index.guidance().page(Map.of("source", "government"), null, false, 50, 30);
 *   GuidanceCatalogue.Result next = index.guidance().page(Map.of("source", "government"), r.last(), false, 50, 30);
 * </pre>
 *
 * Each facet's counts are those of the documents the other chosen facets leave (drill-sideways), as the page has
 * always shown them. The list is in the query's order: current documents first (superseded and withdrawn ones
 * after them), newest year first within each (documents with no year last), then by title and IRI (compared as Java and SPARQL compare strings); a page starts after the last entry of the one before
 * (search-after over sorted doc values), so page 1 and page 3,000 cost the same.
 */
public final class GuidanceCatalogue {
    /** The facets, in the order the page shows them. */
    public static final List<String> FACETS = List.of("domain", "publisher", "source", "year");

    public static final String GOVERNMENT = "government";
    public static final String NON_GOVERNMENT = "non-government";

    static final String KIND = "atlas.guidance.kind";
    static final String ENTRY = "entry";
    static final String LABEL_OF = "label";
    static final String STANDING_KEY = "atlas.guidance.standingKey";
    static final String YEAR_KEY = "atlas.guidance.yearKey";
    static final String TITLE_KEY = "atlas.guidance.titleKey";
    static final String DOCUMENT_KEY = "atlas.guidance.documentKey";
    static final String DOCUMENT = "atlas.guidance.document";
    static final String TITLE = "atlas.guidance.title";
    static final String YEAR = "atlas.guidance.year";
    static final String SOURCE = "atlas.guidance.source";
    static final String PUBLISHERS = "atlas.guidance.publishers";
    static final String STATUS = "atlas.guidance.status";
    static final String REPLACED_BY = "atlas.guidance.replacedBy";
    static final String VALUE = "atlas.guidance.value";
    static final String LABEL = "atlas.guidance.label";
    /** The doc-values field of the facets. */
    static final String FACET_FIELD = "atlas.guidance.facets";

    private static final FacetsConfig CONFIG = config();

    private static final Sort ORDER = new Sort(
            new SortField(STANDING_KEY, SortField.Type.STRING),
            new SortField(YEAR_KEY, SortField.Type.STRING, true),
            new SortField(TITLE_KEY, SortField.Type.STRING),
            new SortField(DOCUMENT_KEY, SortField.Type.STRING));
    private static final Sort REVERSED = new Sort(
            new SortField(STANDING_KEY, SortField.Type.STRING, true),
            new SortField(YEAR_KEY, SortField.Type.STRING),
            new SortField(TITLE_KEY, SortField.Type.STRING, true),
            new SortField(DOCUMENT_KEY, SortField.Type.STRING, true));

    /**
     * A listed document: its IRI, title, year ("" if none), source ({@link #GOVERNMENT} or {@link #NON_GOVERNMENT}),
     * its publishers' labels, its status ({@link DocumentStatus}) and the document replacing it ("" if none). Whether
     * it is current, its year, title and IRI are its key in the list: current documents come first.
     */
    public record Entry(
            String document,
            String title,
            String year,
            String source,
            String publishers,
            String status,
            String replacedBy) {
        /** Only the key of an entry, for paging. */
        public static Entry key(String status, String year, String title, String document) {
            return new Entry(document, title, year, "", "", status, "");
        }

        /** Whether the document still stands (listed before those that do not). */
        public boolean current() {
            return DocumentStatus.CURRENT.equals(status);
        }

        String standingKey() {
            return current() ? "0" : "1";
        }
    }

    /** A value of a facet with its label and the count of documents the other chosen facets leave. */
    public record Value(String value, String label, long count) {}

    /**
     * A page: its entries in order; whether there are more beyond it (after it, or before it when paging
     * backwards); how many documents the chosen facets leave and how many the catalogue holds; each facet's values
     * (most documents first, then by value), at most as many as asked for, and how many values each facet has.
     */
    public record Result(
            List<Entry> entries,
            boolean more,
            long matching,
            long total,
            Map<String, List<Value>> facets,
            Map<String, Integer> valueCounts) {
        public Entry first() {
            return entries.isEmpty() ? null : entries.get(0);
        }

        public Entry last() {
            return entries.isEmpty() ? null : entries.get(entries.size() - 1);
        }
    }

    private final LatestSearcher searcher;
    /** The facet state of the reader last used; rebuilt when the index is. */
    private State state;

    private record State(IndexReader reader, SortedSetDocValuesReaderState facets) {}

    GuidanceCatalogue(Directory directory) {
        this.searcher = new LatestSearcher(directory);
    }

    private static FacetsConfig config() {
        FacetsConfig config = new FacetsConfig();
        for (String f : FACETS) {
            config.setIndexFieldName(f, FACET_FIELD);
        }
        config.setMultiValued("domain", true);
        config.setMultiValued("publisher", true);
        config.setMultiValued("year", true);
        config.setMultiValued("source", true);
        return config;
    }

    /**
     * A page of the documents with the chosen value of each chosen facet: the first {@code size} after {@code from}
     * (from the start if null), or with {@code backwards} the last {@code size} before it; with each facet's
     * {@code values} commonest values.
     */
    public Result page(Map<String, String> chosen, Entry from, boolean backwards, int size, int values) {
        if (size < 1 || values < 1) {
            throw new IllegalArgumentException("a page holds at least one entry and one value of each facet");
        }
        for (String f : chosen.keySet()) {
            if (!FACETS.contains(f)) {
                throw new IllegalArgumentException("no facet " + f + "; the facets are " + FACETS);
            }
        }
        return searcher.search(s -> {
            Map<String, List<Value>> facets = new LinkedHashMap<>();
            Map<String, Integer> valueCounts = new LinkedHashMap<>();
            FACETS.forEach(f -> {
                facets.put(f, List.of());
                valueCounts.put(f, 0);
            });
            SortedSetDocValuesReaderState facetState = s == null ? null : facetState(s.getIndexReader());
            if (facetState == null) {
                return new Result(List.of(), false, 0, 0, facets, valueCounts);
            }
            DrillDownQuery query = new DrillDownQuery(CONFIG, entries());
            chosen.forEach(query::add);
            Sort sort = backwards ? REVERSED : ORDER;
            FieldDoc after = from == null
                    ? null
                    // The key itself need not be in the index; the highest document number counts every entry with
                    // an equal key as seen.
                    : new FieldDoc(s.getIndexReader().maxDoc() - 1, Float.NaN, new Object[] {
                        TypeListing.key(from.standingKey()),
                        TypeListing.key(from.year()),
                        TypeListing.key(from.title()),
                        TypeListing.key(from.document())
                    });
            DrillSideways.DrillSidewaysResult r =
                    new DrillSideways(s, CONFIG, facetState).search(query, null, after, size + 1, sort, false);
            StoredFields stored = s.storedFields();
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < Math.min(size, r.hits.scoreDocs.length); i++) {
                entries.add(entry(stored, r.hits.scoreDocs[i]));
            }
            if (backwards) {
                Collections.reverse(entries);
            }
            for (String f : FACETS) {
                FacetResult top = top(r.facets, f, values);
                if (top != null) {
                    List<Value> list = new ArrayList<>();
                    for (LabelAndValue lv : top.labelValues) {
                        list.add(new Value(lv.label, label(s, f, lv.label), lv.value.longValue()));
                    }
                    facets.put(f, List.copyOf(list));
                    valueCounts.put(f, top.childCount);
                }
            }
            return new Result(
                    List.copyOf(entries),
                    r.hits.scoreDocs.length > size,
                    s.count(query),
                    s.count(entries()),
                    facets,
                    valueCounts);
        });
    }

    /** The label of a facet's value (a problem domain's or publisher's name), or the value itself. */
    public String label(String facet, String value) {
        return searcher.search(s -> s == null ? value : label(s, facet, value));
    }

    private static String label(IndexSearcher s, String facet, String value) throws IOException {
        switch (facet) {
            case "source":
                return GOVERNMENT.equals(value) ? "Government" : "Non-government";
            case "year":
                return value;
            default:
                TopDocs docs = s.search(new TermQuery(new Term(VALUE, value)), 1);
                return docs.scoreDocs.length == 0
                        ? value
                        : s.storedFields().document(docs.scoreDocs[0].doc).get(LABEL);
        }
    }

    /** The values most documents have first, then in value order; null when no document has any. */
    private static FacetResult top(Facets facets, String facet, int n) throws IOException {
        try {
            return facets.getTopChildren(n, facet);
        } catch (IllegalArgumentException e) {
            // No document has a value of this facet, so the index does not know it.
            return null;
        }
    }

    private static Query entries() {
        return new TermQuery(new Term(KIND, ENTRY));
    }

    private static Entry entry(StoredFields stored, ScoreDoc hit) throws IOException {
        Document d = stored.document(hit.doc);
        return new Entry(
                d.get(DOCUMENT),
                d.get(TITLE),
                d.get(YEAR),
                d.get(SOURCE),
                d.get(PUBLISHERS),
                d.get(STATUS),
                d.get(REPLACED_BY));
    }

    private synchronized SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        if (state == null || state.reader() != reader) {
            SortedSetDocValuesReaderState facets;
            try {
                facets = new DefaultSortedSetDocValuesReaderState(reader, FACET_FIELD, CONFIG);
            } catch (IllegalArgumentException e) {
                // An index with no guidance (or none yet) has no facet field.
                facets = null;
            }
            state = new State(reader, facets);
        }
        return state.facets();
    }

    synchronized void close() {
        state = null;
        searcher.close();
    }

    /**
     * Adds the catalogue's documents, and the labels of their domains and publishers, to the writer; returns how many
     * entries. Call it in a read transaction, after the writer's old documents are deleted, and commit after.
     */
    static long index(IndexWriter writer, DatasetGraph dsg) throws IOException {
        Graph union = dsg.getUnionGraph();
        DomainTree tree = DomainTree.over(union);
        Map<Node, String> labels = new HashMap<>();
        Set<Node> documents = new LinkedHashSet<>();
        for (Iterator<Triple> it = union.find(Node.ANY, PA.governmentPublication.asNode(), Node.ANY); it.hasNext(); ) {
            Node d = it.next().getSubject();
            if (d.isURI()) {
                documents.add(d);
            }
        }
        long n = 0;
        for (Node d : documents) {
            Set<String> domains = new TreeSet<>();
            for (Node subject : objects(union, d, DCTerms.subject.asNode())) {
                for (Node top : tree.ancestorsOrSelf(subject)) {
                    if (union.contains(top, RDF.type.asNode(), PA.ProblemDomain.asNode())) {
                        domains.add(text(top));
                        labels.computeIfAbsent(
                                top, x -> TypeListing.labels(union, x).get(0));
                    }
                }
            }
            Set<String> publishers = new TreeSet<>();
            Set<String> publisherLabels = new TreeSet<>();
            for (Node p : objects(union, d, DCTerms.publisher.asNode())) {
                publishers.add(text(p));
                if (p.isURI()) {
                    publisherLabels.add(labels.computeIfAbsent(
                            p, x -> TypeListing.labels(union, x).get(0)));
                } else {
                    publisherLabels.add(text(p));
                }
            }
            String status = DocumentStatus.of(union, d);
            Node replacement = DocumentStatus.replacement(union, d);
            String standing = DocumentStatus.CURRENT.equals(status) ? "0" : "1";
            // As the query groups: one entry for each title, government value and year.
            Set<String> years = new TreeSet<>();
            objects(union, d, DCTerms.issued.asNode())
                    .forEach(i -> years.add(text(i).substring(0, Math.min(4, text(i).length()))));
            if (years.isEmpty()) {
                years.add("");
            }
            for (Node title : objects(union, d, DCTerms.title.asNode())) {
                for (Node government : objects(union, d, PA.governmentPublication.asNode())) {
                    String source = "true".equals(government.getLiteralLexicalForm()) ? GOVERNMENT : NON_GOVERNMENT;
                    for (String year : years) {
                        Document doc = new Document();
                        doc.add(new StringField(KIND, ENTRY, Field.Store.NO));
                        doc.add(new SortedDocValuesField(STANDING_KEY, TypeListing.key(standing)));
                        doc.add(new SortedDocValuesField(YEAR_KEY, TypeListing.key(year)));
                        doc.add(new SortedDocValuesField(TITLE_KEY, TypeListing.key(text(title))));
                        doc.add(new SortedDocValuesField(DOCUMENT_KEY, TypeListing.key(d.getURI())));
                        doc.add(new StoredField(DOCUMENT, d.getURI()));
                        doc.add(new StoredField(TITLE, text(title)));
                        doc.add(new StoredField(YEAR, year));
                        doc.add(new StoredField(SOURCE, source));
                        doc.add(new StoredField(PUBLISHERS, String.join(", ", publisherLabels)));
                        doc.add(new StoredField(STATUS, status));
                        doc.add(new StoredField(REPLACED_BY, replacement == null ? "" : replacement.getURI()));
                        domains.forEach(v -> doc.add(new SortedSetDocValuesFacetField("domain", v)));
                        publishers.forEach(v -> doc.add(new SortedSetDocValuesFacetField("publisher", v)));
                        doc.add(new SortedSetDocValuesFacetField("source", source));
                        if (!year.isEmpty()) {
                            doc.add(new SortedSetDocValuesFacetField("year", year));
                        }
                        writer.addDocument(CONFIG.build(doc));
                        n++;
                    }
                }
            }
        }
        for (Map.Entry<Node, String> e : labels.entrySet()) {
            Document doc = new Document();
            doc.add(new StringField(KIND, LABEL_OF, Field.Store.NO));
            doc.add(new StringField(VALUE, text(e.getKey()), Field.Store.NO));
            doc.add(new StoredField(LABEL, e.getValue()));
            writer.addDocument(doc);
        }
        return n;
    }

    private static List<Node> objects(Graph union, Node s, Node p) {
        List<Node> objects = new ArrayList<>();
        union.find(s, p, Node.ANY).forEachRemaining(t -> objects.add(t.getObject()));
        return objects;
    }

    /** As SPARQL's STR. */
    private static String text(Node n) {
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : n.getBlankNodeLabel();
    }
}
