package org.partnershipatlas.queries.precomputed;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;

/**
 * The library queries that list every guidance document ({@code guidance-catalogue}, {@code guidance-newest-first})
 * kept in pages of {@value #PAGE} rows ({@code pa:GuidancePage}), so that either reads any page without sorting every
 * document: page 1 and page 3,000 cost the same.
 *
 * <p>Each list's rows are found in its order by a query of their keys alone ({@code {list}-order.rq} beside this class:
 * the plain form's WHERE and ORDER BY, one row per group of the plain form), which Jena sorts on disk past {@value
 * #SPILL} rows, and written to a temporary file; the pages are made from that file once the query has ended, so that
 * a sink adding to the store disturbs no query. A row is a document under one of its titles: a document with one
 * title is its page's item; one with several gets a {@code pa:GuidanceRow} per row, as its rows may fall on
 * different pages.
 */
public final class GuidancePages {
    /** Rows on a page. */
    public static final int PAGE = 100;
    /** The lists, by the name of the library query that reads them. */
    public static final List<String> LISTS = List.of("guidance-catalogue", "guidance-newest-first");

    /** Rows that Jena sorts in memory before it sorts on disk. */
    private static final long SPILL = 50_000;

    private final DatasetGraph dsg;
    private final AtlasIris iris;
    private final Node graph;

    GuidancePages(DatasetGraph dsg, AtlasIris iris, Node graph) {
        this.dsg = dsg;
        this.iris = iris;
        this.graph = graph;
    }

    /** Hands each list's description and pages to {@code sink}, a page at a time; call in a transaction. */
    void compute(Consumer<List<Quad>> sink) {
        for (String list : LISTS) {
            Path rows = null;
            try {
                rows = Files.createTempFile("atlas-" + list + "-", ".rt");
                writeRows(list, rows);
                pages(list, rows, sink);
            } catch (IOException e) {
                throw new UncheckedIOException("could not keep the rows of " + list + " in a temporary file", e);
            } finally {
                if (rows != null) {
                    rows.toFile().delete();
                }
            }
        }
    }

    /** The list's rows in its order, each as a triple (document, dcterms:title, title), into {@code file}. */
    private void writeRows(String list, Path file) throws IOException {
        Query query = QueryFactory.create(orderQuery(list));
        Var document = Var.alloc("document");
        Var title = Var.alloc("title");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                QueryExec exec = orderExec(dsg, query)) {
            StreamRDF writer = StreamRDFWriter.getWriterStream(out, RDFFormat.RDF_THRIFT);
            writer.start();
            RowSet rows = exec.select();
            Triple previous = null;
            while (rows.hasNext()) {
                Binding b = rows.next();
                Triple row = Triple.create(b.get(document), DCTerms.title.asNode(), b.get(title));
                // Rows equal in document and title are one row of the plain form (a document with two issue dates
                // in the same year): adjacent, as they are equal in every sort key.
                if (!row.equals(previous)) {
                    writer.triple(row);
                }
                previous = row;
            }
            writer.finish();
        }
    }

    /**
     * {@code query} (of a list's rows' keys, in its order) on {@code dsg} as a load runs it: over the union of the
     * sources, as the library's queries read it (a store being built may not have it set yet), sorted on disk past
     * {@value #SPILL} rows, and with no time limit: in a server the dataset's context carries the public endpoint's
     * query timeout, which Jena would apply to this query too and so fail the load.
     */
    static QueryExec orderExec(DatasetGraph dsg, Query query) {
        return QueryExec.dataset(dsg)
                .query(query)
                .set(ARQ.spillToDiskThreshold, SPILL)
                .set(TDB2.symUnionDefaultGraph, true)
                .set(ARQ.queryTimeout, "-1")
                .build();
    }

    /** The text of {@code {list}-order.rq} beside this class: the query of a list's rows' keys in its order. */
    static String orderQuery(String list) {
        try (InputStream in = Objects.requireNonNull(
                GuidancePages.class.getResourceAsStream(list + "-order.rq"), list + "-order.rq")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the rows back and hands the list's description, then each page, to {@code sink}. */
    private void pages(String list, Path rows, Consumer<List<Quad>> sink) {
        Node listIri = NodeFactory.createURI(iris.id("guidance-list", list));
        sink.accept(List.of(
                Quad.create(graph, listIri, RDF.type.asNode(), PA.GuidanceList.asNode()),
                Quad.create(graph, listIri, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(list)),
                Quad.create(
                        graph,
                        listIri,
                        RDFS.label.asNode(),
                        NodeFactory.createLiteralLang("The rows of the library query " + list + ", in pages", "en"))));
        Graph union = dsg.getUnionGraph();
        List<Triple> page = new ArrayList<>(PAGE);
        int[] number = {0};
        StreamRDF reader = new StreamRDFBase() {
            @Override
            public void triple(Triple row) {
                page.add(row);
                if (page.size() == PAGE) {
                    sink.accept(page(listIri, list, ++number[0], page, union));
                    page.clear();
                }
            }
        };
        RDFParser.source(rows).lang(RDFLanguages.RDFTHRIFT).parse(reader);
        if (!page.isEmpty()) {
            sink.accept(page(listIri, list, ++number[0], page, union));
        }
    }

    /** The quads of one page of rows. */
    private List<Quad> page(Node listIri, String list, int number, List<Triple> rows, Graph union) {
        // {type}/{slug} IRIs, so that a page and a row are dereferenced as any resource is.
        Node page = NodeFactory.createURI(iris.id("guidance-page", list + "-" + number));
        List<Quad> quads = new ArrayList<>();
        quads.add(Quad.create(graph, page, RDF.type.asNode(), PA.GuidancePage.asNode()));
        quads.add(Quad.create(graph, page, PA.pageOf.asNode(), listIri));
        quads.add(Quad.create(
                graph, page, PA.pageNumber.asNode(), NodeFactory.createLiteralDT("" + number, XSDDatatype.XSDinteger)));
        Set<Node> items = new LinkedHashSet<>();
        int i = 0;
        for (Triple row : rows) {
            i++;
            Node document = row.getSubject();
            if (!severalTitles(union, document)) {
                items.add(document);
                continue;
            }
            Node entry = NodeFactory.createURI(iris.id("guidance-row", list + "-" + number + "-" + i));
            items.add(entry);
            quads.add(Quad.create(graph, entry, RDF.type.asNode(), PA.GuidanceRow.asNode()));
            quads.add(Quad.create(graph, entry, PA.rowOf.asNode(), document));
            quads.add(Quad.create(graph, entry, PA.rowTitle.asNode(), row.getObject()));
        }
        items.forEach(item -> quads.add(Quad.create(graph, page, PA.pageItem.asNode(), item)));
        return quads;
    }

    /** Whether {@code document} has more than one {@code dcterms:title}: one row of a list per title. */
    static boolean severalTitles(Graph union, Node document) {
        Iterator<Triple> titles = union.find(document, DCTerms.title.asNode(), Node.ANY);
        try {
            titles.next();
            return titles.hasNext();
        } finally {
            Iter.close(titles);
        }
    }
}
