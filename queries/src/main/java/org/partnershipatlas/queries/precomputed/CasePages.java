package org.partnershipatlas.queries.precomputed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;

/**
 * The best-practice cases of each problem domain (narrower domains included), as {@code best-practice-cases-in-domain}
 * lists them, kept in pages of {@value #PAGE} rows ({@code pa:CasePage}), so that a domain's page reads a page of its
 * cases without sorting every case on the domain (4,467 rows for a broad domain at N=350: 0.2-0.6 s a page).
 *
 * <p>The rows are found in their order by one query of their keys for every domain ({@code
 * best-practice-cases-in-domain-order.rq} beside this class), which Jena sorts, so that the order is SPARQL's; they
 * are held until the query has ended (a row a case in one of the domains above its subject: about three rows a case),
 * and then made into pages, so that a sink adding to the store disturbs no query. A row is a case under one title
 * text: a case with one is its page's item; one with several gets a {@code pa:CaseRow} per row, as its rows may fall
 * on different pages.
 */
public final class CasePages {
    /** Rows on a page: what a domain's page shows at a time. */
    public static final int PAGE = 50;

    private final DatasetGraph dsg;
    private final AtlasIris iris;
    private final Node graph;

    CasePages(DatasetGraph dsg, AtlasIris iris, Node graph) {
        this.dsg = dsg;
        this.iris = iris;
        this.graph = graph;
    }

    /** A row of a domain's list: the case under one title text. */
    private record Row(Node domain, Node kase, Node title) {}

    /** Hands each domain's pages to {@code sink}, a page at a time; call in a transaction. */
    void compute(Consumer<List<Quad>> sink) {
        List<Row> rows = rows();
        Graph union = dsg.getUnionGraph();
        List<Row> page = new ArrayList<>(PAGE);
        Node domain = null;
        int number = 0;
        for (Row row : rows) {
            if (!row.domain().equals(domain)) {
                // A new domain: the last one's part page, if it did not end on a full one, and numbers from 1.
                if (!page.isEmpty()) {
                    sink.accept(page(++number, page, union));
                    page.clear();
                }
                domain = row.domain();
                number = 0;
            }
            page.add(row);
            if (page.size() == PAGE) {
                sink.accept(page(++number, page, union));
                page.clear();
            }
        }
        if (!page.isEmpty()) {
            sink.accept(page(++number, page, union));
        }
    }

    /** Every domain's rows, a domain's together and in its order. */
    private List<Row> rows() {
        Var domain = Var.alloc("domain");
        Var kase = Var.alloc("case");
        Var title = Var.alloc("title");
        List<Row> rows = new ArrayList<>();
        try (QueryExec exec = GuidancePages.orderExec(
                dsg, QueryFactory.create(GuidancePages.orderQuery("best-practice-cases-in-domain")))) {
            RowSet found = exec.select();
            while (found.hasNext()) {
                Binding b = found.next();
                rows.add(new Row(b.get(domain), b.get(kase), b.get(title)));
            }
        }
        return rows;
    }

    /** The quads of page {@code number} of one domain's rows. */
    private List<Quad> page(int number, List<Row> rows, Graph union) {
        Node domain = rows.get(0).domain();
        // {type}/{slug} IRIs, so that a page and a row are dereferenced as any resource is.
        String name = Precomputed.key(iris, domain) + "-" + number;
        Node page = NodeFactory.createURI(iris.id("case-page", name));
        List<Quad> quads = new ArrayList<>();
        quads.add(Quad.create(graph, page, RDF.type.asNode(), PA.CasePage.asNode()));
        quads.add(Quad.create(graph, page, PA.pageOf.asNode(), domain));
        quads.add(Quad.create(
                graph, page, PA.pageNumber.asNode(), NodeFactory.createLiteralDT("" + number, XSDDatatype.XSDinteger)));
        Set<Node> items = new LinkedHashSet<>();
        int i = 0;
        for (Row row : rows) {
            i++;
            if (!GuidancePages.severalTitles(union, row.kase())) {
                items.add(row.kase());
                continue;
            }
            Node entry = NodeFactory.createURI(iris.id("case-row", name + "-" + i));
            items.add(entry);
            quads.add(Quad.create(graph, entry, RDF.type.asNode(), PA.CaseRow.asNode()));
            quads.add(Quad.create(graph, entry, PA.rowOf.asNode(), row.kase()));
            quads.add(Quad.create(graph, entry, PA.rowTitle.asNode(), row.title()));
        }
        items.forEach(item -> quads.add(Quad.create(graph, page, PA.pageItem.asNode(), item)));
        return quads;
    }
}
