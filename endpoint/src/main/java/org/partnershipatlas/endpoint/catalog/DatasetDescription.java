package org.partnershipatlas.endpoint.catalog;

import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.VOID;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseMetadata;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.DCAT3;
import org.partnershipatlas.ontology.Vocab.PROV;
import org.partnershipatlas.ontology.Vocab.SPDX;
import org.partnershipatlas.queries.DataStamp;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;
import org.partnershipatlas.queries.precomputed.StoreStatistics;

/**
 * The VoID and DCAT description of the Atlas, generated from the live store (counts, partitions, graphs,
 * modification time) and the dumps manifest (distributions with size and checksum).
 *
 * <pre>
 *   Graph description = new DatasetDescription(dsg, catalogue, iris).build("http://localhost:3030/", manifest);
 * </pre>
 */
public final class DatasetDescription {
    /** The licence of the Atlas data. */
    public static final String LICENSE = ReleaseMetadata.LICENSE;

    static final String IANA = "https://www.iana.org/assignments/media-types/";

    private final DatasetGraph dsg;
    private final QueryRunner queries;
    /** The partitions' plain forms, for a store no load of this version has written the whole-store statistics in. */
    private final QueryRunner plain;

    private final AtlasIris iris;
    /** The statistics last computed, and the data they were computed from: counting takes seconds at scale. */
    private volatile Statistics remembered;

    private record Statistics(DataStamp stamp, List<Triple> triples) {}

    public DatasetDescription(DatasetGraph dsg, QueryCatalogue catalogue, AtlasIris iris) {
        this.dsg = dsg;
        this.queries = new QueryRunner(dsg, catalogue, iris);
        this.plain = new QueryRunner(dsg, QueryCatalogue.plain(), iris);
        this.iris = iris;
    }

    /** The dataset's IRI. */
    public Node dataset() {
        return iris.dataset();
    }

    /** The catalogue's IRI. */
    public Node catalog() {
        return uri(iris.id("catalog", "atlas"));
    }

    /**
     * @param serverUrl the public root of the server, ending in '/' (for the endpoint and download URLs)
     * @param manifest the dumps, if any have been written
     */
    public Graph build(String serverUrl, Optional<DumpManifest> manifest) {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefixes(AtlasOntology.prefixes());
        Node ds = dataset();
        Node catalog = catalog();
        Node endpoint = uri(serverUrl + Routes.SPARQL.substring(1));
        Node license = uri(LICENSE);

        add(g, catalog, RDF.type.asNode(), DCAT.Catalog.asNode());
        add(g, catalog, DCTerms.title.asNode(), en("Partnership Atlas catalogue"));
        add(
                g,
                catalog,
                DCTerms.description.asNode(),
                en("The Partnership Atlas dataset, its SPARQL endpoint and its downloads."));
        add(g, catalog, FOAF.homepage.asNode(), uri(serverUrl));
        add(g, catalog, DCTerms.license.asNode(), license);
        add(g, catalog, DCAT.dataset.asNode(), ds);
        add(g, catalog, DCAT.service.asNode(), endpoint);

        add(g, endpoint, RDF.type.asNode(), DCAT.DataService.asNode());
        add(g, endpoint, DCTerms.title.asNode(), en("Partnership Atlas SPARQL endpoint"));
        add(g, endpoint, DCAT.endpointURL.asNode(), endpoint);
        add(g, endpoint, DCAT.servesDataset.asNode(), ds);
        add(g, endpoint, DCTerms.conformsTo.asNode(), uri("https://www.w3.org/TR/sparql11-protocol/"));

        add(g, ds, RDF.type.asNode(), VOID.Dataset.asNode());
        add(g, ds, RDF.type.asNode(), DCAT.Dataset.asNode());
        add(g, ds, DCTerms.title.asNode(), en("Partnership Atlas"));
        add(
                g,
                ds,
                DCTerms.description.asNode(),
                en("Public-service partnerships in England (c. 2000-2003): partnerships, "
                        + "the organisations on them and their roles, localities, problem domains, guidance, best-practice "
                        + "cases and non-government resources. Records marked pa:illustrative are invented."));
        add(g, ds, DCTerms.license.asNode(), license);
        add(g, ds, DCTerms.publisher.asNode(), uri(serverUrl));
        add(g, ds, DCAT.landingPage.asNode(), uri(serverUrl));
        add(g, ds, VOID.sparqlEndpoint.asNode(), endpoint);
        add(g, ds, VOID.uriSpace.asNode(), NodeFactory.createLiteralString(iris.idSpace()));
        add(g, ds, VOID.feature.asNode(), uri("http://www.w3.org/ns/formats/Turtle"));
        for (String vocabulary : List.of(
                PA.ONTOLOGY,
                "http://www.w3.org/ns/org#",
                "http://www.w3.org/2004/02/skos/core#",
                "http://purl.org/dc/terms/",
                "http://xmlns.com/foaf/0.1/",
                "http://www.w3.org/ns/prov#",
                "https://schema.org/")) {
            add(g, ds, VOID.vocabulary.asNode(), uri(vocabulary));
        }
        add(g, ds, VOID.exampleResource.asNode(), uri(iris.id("partnership", "newham-cdrp")));
        add(g, ds, VOID.exampleResource.asNode(), uri(iris.id("locality", "newham")));

        Txn.executeRead(dsg, () -> rememberedStatistics(ds).forEach(g::add));
        manifest.ifPresent(m -> distributions(g, ds, serverUrl, m, license));
        return g;
    }

    /**
     * Says which published release the live data is: {@code dcat:hasCurrentVersion} the release (DCAT 3: "a more
     * specific, versioned resource with equivalent content"), with its version and folder; or, when none holds the
     * live data, a comment saying so.
     */
    public void servedRelease(Graph g, String serverUrl, Optional<Release> served) {
        Node ds = dataset();
        if (served.isEmpty()) {
            add(
                    g,
                    ds,
                    RDFS.comment.asNode(),
                    en("The live data is in no published release yet; the releases are at " + serverUrl
                            + Routes.RELEASES.substring(1) + "/"));
            return;
        }
        Release r = served.get();
        Node release = uri(r.iri());
        add(g, ds, DCAT3.hasCurrentVersion.asNode(), release);
        add(g, release, RDF.type.asNode(), DCAT.Dataset.asNode());
        add(g, release, DCAT3.version.asNode(), NodeFactory.createLiteralString(r.version()));
        add(g, release, DCTerms.isVersionOf.asNode(), ds);
        add(
                g,
                release,
                DCAT.landingPage.asNode(),
                uri(serverUrl + Routes.releasePath("", r.version(), "").substring(1)));
    }

    /**
     * The counts, partitions and graphs of the data this read transaction sees: computed once per commit (a few
     * seconds at national scale) and kept while the data does not change.
     */
    private List<Triple> rememberedStatistics(Node ds) {
        DataStamp stamp = DataStamp.of(dsg);
        Statistics known = remembered;
        if (stamp != null && known != null && known.stamp().equals(stamp)) {
            return known.triples();
        }
        Graph g = GraphFactory.createDefaultGraph();
        statistics(g, ds);
        List<Triple> triples = List.copyOf(g.find().toList());
        if (stamp != null) {
            remembered = new Statistics(stamp, triples);
        }
        return triples;
    }

    private void statistics(Graph g, Node ds) {
        Counted counted = keptCounts().orElseGet(this::countedNow);
        add(g, ds, VOID.triples.asNode(), integer(counted.quads()));
        add(g, ds, VOID.entities.asNode(), integer(counted.entities()));
        // The partitions every load computes (graph/store-statistics), or counted from the data if there are none.
        QueryRunner partitions = dsg.containsGraph(StoreStatistics.graph(iris)) ? queries : plain;
        long classes = 0;
        for (Binding row : partitions.select("void-class-partitions", Map.of()).bindings()) {
            Node partition = NodeFactory.createBlankNode();
            add(g, ds, VOID.classPartition.asNode(), partition);
            add(g, partition, VOID._class.asNode(), row.get("class"));
            add(g, partition, VOID.entities.asNode(), row.get("entities"));
            classes++;
        }
        add(g, ds, VOID.classes.asNode(), integer(classes));
        long properties = 0;
        for (Binding row :
                partitions.select("void-property-partitions", Map.of()).bindings()) {
            Node partition = NodeFactory.createBlankNode();
            add(g, ds, VOID.propertyPartition.asNode(), partition);
            add(g, partition, VOID.property.asNode(), row.get("property"));
            add(g, partition, VOID.triples.asNode(), row.get("triples"));
            properties++;
        }
        add(g, ds, VOID.properties.asNode(), integer(properties));
        // Each source's named graph is a subset, with its size and when it was loaded (from the provenance graph).
        Instant modified = null;
        for (Map.Entry<Node, Long> size : counted.graphs().entrySet()) {
            Node graph = size.getKey();
            add(g, ds, VOID.subset.asNode(), graph);
            add(g, graph, RDF.type.asNode(), VOID.Dataset.asNode());
            add(g, graph, VOID.triples.asNode(), integer(size.getValue()));
            linkset(g, ds, graph);
            for (Triple t : dsg.getGraph(iris.provenanceGraph())
                    .find(graph, PROV.generatedAtTime.asNode(), Node.ANY)
                    .toList()) {
                add(g, graph, DCTerms.modified.asNode(), t.getObject());
                Instant at = Instant.parse(t.getObject().getLiteralLexicalForm());
                modified = modified == null || at.isAfter(modified) ? at : modified;
            }
        }
        if (modified != null) {
            add(
                    g,
                    ds,
                    DCTerms.modified.asNode(),
                    NodeFactory.createLiteralDT(modified.toString(), XSDDatatype.XSDdateTime));
        }
    }

    /** The dataset's quads, the resources of the id space it names, and each named graph's triples. */
    record Counted(long quads, long entities, Map<Node, Long> graphs) {}

    /**
     * The counts from what the last load kept ({@link StoreStatistics#graphCounts}), the graphs written since (no
     * load's activity made them: decisions, link checks, provenance) counted now; empty if nothing was kept or a
     * graph a load made has changed since (another activity made it, or it is gone), when only counting will do.
     */
    Optional<Counted> keptCounts() {
        Optional<StoreStatistics.GraphCounts> found = StoreStatistics.graphCounts(dsg, iris);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoreStatistics.GraphCounts kept = found.get();
        Node self = StoreStatistics.graph(iris);
        Map<Node, Long> graphs = new LinkedHashMap<>();
        Set<Node> betweenLoads = new HashSet<>();
        for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); ) {
            Node graph = it.next();
            Set<Node> madeBy = graph.equals(self) ? Set.of() : StoreStatistics.madeBy(dsg, iris, graph);
            Long n = kept.triples().get(graph);
            if (graph.equals(self) || !madeBy.isEmpty()) {
                if (n == null || !madeBy.equals(kept.madeBy().getOrDefault(graph, Set.of()))) {
                    return Optional.empty();
                }
                graphs.put(graph, n);
            } else {
                betweenLoads.add(graph);
                graphs.put(graph, StoreStatistics.size(dsg, graph));
            }
        }
        if (!graphs.keySet().containsAll(kept.madeBy().keySet())) {
            return Optional.empty();
        }
        long quads = StoreStatistics.size(dsg, Quad.defaultGraphIRI)
                + graphs.values().stream().mapToLong(Long::longValue).sum();
        long entities = kept.entitiesOfLoadedGraphs() + StoreStatistics.entitiesOnlyIn(dsg, betweenLoads, iris);
        return Optional.of(new Counted(quads, entities, graphs));
    }

    /** The same counts, counted in the data: every quad and every graph read, the resources by a query. */
    Counted countedNow() {
        long quads = 0;
        for (Iterator<Quad> it = dsg.find(); it.hasNext(); it.next()) {
            quads++;
        }
        long entities = Long.parseLong(queries.select("entity-count", Map.of("idSpace", iris.idSpace()))
                .bindings()
                .get(0)
                .get("n")
                .getLiteralLexicalForm());
        Map<Node, Long> graphs = new LinkedHashMap<>();
        for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); ) {
            Node graph = it.next();
            graphs.put(graph, StoreStatistics.size(dsg, graph));
        }
        return new Counted(quads, entities, graphs);
    }

    /** A linkset graph is described as a void:Linkset from the Atlas to its target, as its writer recorded it. */
    private void linkset(Graph g, Node ds, Node graph) {
        Graph provenance = dsg.getGraph(iris.provenanceGraph());
        if (!provenance.contains(graph, RDF.type.asNode(), VOID.Linkset.asNode())) {
            return;
        }
        add(g, graph, RDF.type.asNode(), VOID.Linkset.asNode());
        add(g, graph, VOID.subjectsTarget.asNode(), ds);
        for (Node p : List.of(VOID.linkPredicate.asNode(), VOID.objectsTarget.asNode(), DCTerms.title.asNode())) {
            provenance.find(graph, p, Node.ANY).forEach(t -> add(g, graph, p, t.getObject()));
        }
    }

    private void distributions(Graph g, Node ds, String serverUrl, DumpManifest manifest, Node license) {
        for (DumpFile f : manifest.files()) {
            if (!f.compressed()) {
                continue;
            }
            Node download = uri(serverUrl + "dumps/" + f.name());
            Node distribution = uri(serverUrl + "dumps/" + f.name() + "#distribution");
            add(g, ds, DCAT.distribution.asNode(), distribution);
            add(g, ds, VOID.dataDump.asNode(), download);
            add(g, distribution, RDF.type.asNode(), DCAT.Distribution.asNode());
            add(g, distribution, DCTerms.title.asNode(), en(title(f)));
            add(g, distribution, DCAT.downloadURL.asNode(), download);
            add(g, distribution, DCAT.mediaType.asNode(), uri(IANA + f.mediaType()));
            add(g, distribution, DCAT.compressFormat.asNode(), uri(IANA + "application/gzip"));
            add(
                    g,
                    distribution,
                    DCAT.byteSize.asNode(),
                    NodeFactory.createLiteralDT(Long.toString(f.bytes()), XSDDatatype.XSDnonNegativeInteger));
            add(g, distribution, DCTerms.license.asNode(), license);
            add(
                    g,
                    distribution,
                    DCTerms.issued.asNode(),
                    NodeFactory.createLiteralDT(manifest.generated().toString(), XSDDatatype.XSDdateTime));
            Node checksum = uri(serverUrl + "dumps/" + f.name() + "#sha256");
            add(g, distribution, SPDX.checksum.asNode(), checksum);
            add(g, checksum, RDF.type.asNode(), SPDX.Checksum.asNode());
            add(g, checksum, SPDX.algorithm.asNode(), SPDX.checksumAlgorithm_sha256.asNode());
            add(
                    g,
                    checksum,
                    SPDX.checksumValue.asNode(),
                    NodeFactory.createLiteralDT(f.sha256(), XSDDatatype.XSDhexBinary));
            if (f.graph() != null) {
                add(g, distribution, DCTerms.source.asNode(), uri(f.graph()));
            }
        }
    }

    private static String title(DumpFile f) {
        if (f.graph() != null) {
            return "Named graph " + f.graph() + " as gzipped N-Triples";
        }
        return switch (f.mediaType()) {
            case "application/n-quads" -> "The whole dataset with its named graphs, as gzipped N-Quads";
            case "text/turtle" -> "The union of all graphs as gzipped Turtle";
            default -> "The union of all graphs as gzipped N-Triples";
        };
    }

    private static void add(Graph g, Node s, Node p, Node o) {
        g.add(Triple.create(s, p, o));
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static Node en(String text) {
        return NodeFactory.createLiteralLang(text, "en");
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }
}
