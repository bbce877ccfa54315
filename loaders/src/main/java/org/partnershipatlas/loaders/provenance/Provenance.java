package org.partnershipatlas.loaders.provenance;

import java.time.Instant;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.VOID;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.GraphDigest;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.PROV;
import org.partnershipatlas.ontology.Vocab.SPDX;

/**
 * Writes the provenance of a load into the provenance graph, in the same transaction as the data:
 *
 * <pre>
 *   {graph}    a prov:Entity, void:Dataset ; prov:wasGeneratedBy {load} ; prov:wasDerivedFrom {file} ; void:triples n
 *   {load}     a prov:Activity ; prov:used {file} ; prov:startedAtTime ; prov:endedAtTime ; pa:sourceRecords n
 *   {file}     a prov:Entity ; dcterms:title "partnerships.csv" ; dcat:byteSize ; spdx:checksum [ sha256 ]
 * </pre>
 *
 * A graph's description is replaced when a load changes it; load activities and file entities are kept as history.
 * A load is named by a digest of the graph it produced ({@link GraphDigest}): a reload that leaves a graph as it was
 * records nothing, so unchanged data gives unchanged provenance.
 */
public final class Provenance {
    private final DatasetGraph dsg;
    private final AtlasIris iris;
    private final Node graph;

    public Provenance(DatasetGraph dsg, AtlasIris iris) {
        this.dsg = dsg;
        this.iris = iris;
        this.graph = iris.provenanceGraph();
    }

    /** What one load read and wrote. */
    public record Record(
            Node graphName,
            String fileName,
            String mediaType,
            long byteSize,
            String sha256,
            long records,
            long triples,
            Instant started,
            Instant ended) {}

    /** Records a load of one source into its graph. */
    public void record(Record r) {
        // The load is named by what it produced, so reloading data that did not change leaves the provenance (and
        // so the releases and the change log) as it was.
        Node load = uri(iris.id("load", GraphDigest.of(dsg, r.graphName())));
        if (dsg.contains(graph, r.graphName(), PROV.wasGeneratedBy.asNode(), load)) {
            return;
        }
        dsg.deleteAny(graph, r.graphName(), Node.ANY, Node.ANY);
        Node file = uri(iris.id("source-file", r.sha256()));
        Node agent = uri(iris.id("agent", "atlas-loader"));

        add(r.graphName(), RDF.type.asNode(), PROV.Entity.asNode());
        add(r.graphName(), RDF.type.asNode(), VOID.Dataset.asNode());
        add(r.graphName(), RDFS.label.asNode(), NodeFactory.createLiteralLang("Graph of " + r.fileName(), "en"));
        add(r.graphName(), PROV.wasGeneratedBy.asNode(), load);
        add(r.graphName(), PROV.wasDerivedFrom.asNode(), file);
        add(r.graphName(), PROV.generatedAtTime.asNode(), dateTime(r.ended()));
        add(r.graphName(), VOID.triples.asNode(), integer(r.triples()));

        // A graph that went back to content an earlier load produced keeps that load as its provenance.
        if (!dsg.contains(graph, load, RDF.type.asNode(), PROV.Activity.asNode())) {
            add(load, RDF.type.asNode(), PROV.Activity.asNode());
            add(load, RDFS.label.asNode(), NodeFactory.createLiteralLang("Load of " + r.fileName(), "en"));
            add(load, PROV.used.asNode(), file);
            add(load, PROV.wasAssociatedWith.asNode(), agent);
            add(load, PROV.startedAtTime.asNode(), dateTime(r.started()));
            add(load, PROV.endedAtTime.asNode(), dateTime(r.ended()));
            add(
                    load,
                    PA.sourceRecords.asNode(),
                    NodeFactory.createLiteralDT(Long.toString(r.records()), XSDDatatype.XSDlong));
        }

        add(file, RDF.type.asNode(), PROV.Entity.asNode());
        add(file, DCTerms.title.asNode(), NodeFactory.createLiteralString(r.fileName()));
        add(file, DCTerms.format.asNode(), NodeFactory.createLiteralString(r.mediaType()));
        add(
                file,
                DCAT.byteSize.asNode(),
                NodeFactory.createLiteralDT(Long.toString(r.byteSize()), XSDDatatype.XSDnonNegativeInteger));
        Node checksum = uri(iris.id("source-file", r.sha256()) + "#sha256");
        if (!dsg.contains(graph, file, SPDX.checksum.asNode(), checksum)) {
            add(file, SPDX.checksum.asNode(), checksum);
            add(checksum, RDF.type.asNode(), SPDX.Checksum.asNode());
            add(checksum, SPDX.algorithm.asNode(), SPDX.checksumAlgorithm_sha256.asNode());
            add(
                    checksum,
                    SPDX.checksumValue.asNode(),
                    NodeFactory.createLiteralDT(r.sha256(), XSDDatatype.XSDhexBinary));
        }

        add(agent, RDF.type.asNode(), PROV.SoftwareAgent.asNode());
        add(agent, RDFS.label.asNode(), NodeFactory.createLiteralLang("Partnership Atlas loader", "en"));
    }

    private void add(Node s, Node p, Node o) {
        dsg.add(graph, s, p, o);
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static Node dateTime(Instant instant) {
        return NodeFactory.createLiteralDT(instant.toString(), XSDDatatype.XSDdateTime);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }
}
