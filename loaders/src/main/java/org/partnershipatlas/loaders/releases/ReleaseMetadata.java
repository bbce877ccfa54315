package org.partnershipatlas.loaders.releases;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.Vocab.ADMS;
import org.partnershipatlas.ontology.Vocab.DCAT3;
import org.partnershipatlas.ontology.Vocab.SPDX;

/**
 * The DCAT 3 description of releases: each release a {@code dcat:Dataset} with {@code dcat:version},
 * {@code dcat:previousVersion}, {@code dcterms:issued}, {@code adms:versionNotes} and its files as distributions
 * with SPDX checksums ({@code release.ttl}); the Atlas dataset with {@code dcat:hasVersion} for each published
 * release and {@code dcat:hasCurrentVersion} ({@link #catalog}); and the citation ({@code CITATION.cff}).
 */
public final class ReleaseMetadata {
    /** The licence of the Atlas data. */
    public static final String LICENSE = "https://creativecommons.org/licenses/by/4.0/";

    static final String IANA = "https://www.iana.org/assignments/media-types/";

    /** The SHACL shapes every {@code release.ttl} conforms to. */
    static final String SHAPES_RESOURCE = "org/partnershipatlas/loaders/releases/release-shapes.ttl";

    private static final class Shaped {
        static final Shapes SHAPES = Shapes.parse(RDFParser.source(ReleaseMetadata.class
                        .getClassLoader()
                        .getResource(SHAPES_RESOURCE)
                        .toString())
                .lang(Lang.TURTLE)
                .toGraph());
    }

    private final AtlasIris iris;
    private final String publicUrl;

    /**
     * @param publicUrl the root URL the releases are downloaded from, ending in '/'
     */
    public ReleaseMetadata(AtlasIris iris, String publicUrl) {
        this.iris = iris;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
    }

    /** Where a release's files are downloaded from, ending in '/'. */
    public String folderUrl(String version) {
        return publicUrl + "releases/" + version + "/";
    }

    /**
     * The SHACL shapes of a release's description ({@code release-shapes.ttl}): version, issue time, the dataset it
     * is a version of, notes, licence, and every distribution with its download URL, media type, size and one SHA-256.
     */
    public static Shapes shapes() {
        return Shaped.SHAPES;
    }

    /** The description of one release and its files. */
    public Graph release(String version, Instant issued, String previous, String notes, List<DumpFile> files) {
        Graph g = graph();
        Node release = iris.release(version);
        add(g, release, RDF.type.asNode(), DCAT.Dataset.asNode());
        add(g, release, DCTerms.title.asNode(), en("Partnership Atlas, release " + version));
        add(g, release, DCAT3.version.asNode(), NodeFactory.createLiteralString(version));
        add(g, release, DCTerms.issued.asNode(), dateTime(issued));
        if (previous != null) {
            add(g, release, DCAT3.previousVersion.asNode(), iris.release(previous));
        }
        add(g, release, DCTerms.isVersionOf.asNode(), iris.dataset());
        add(g, release, ADMS.versionNotes.asNode(), en(notes));
        add(g, release, DCTerms.license.asNode(), uri(LICENSE));
        add(g, release, DCAT.landingPage.asNode(), uri(folderUrl(version)));
        for (DumpFile f : files) {
            Node distribution = uri(release.getURI() + "#" + f.name());
            add(g, release, DCAT.distribution.asNode(), distribution);
            add(g, distribution, RDF.type.asNode(), DCAT.Distribution.asNode());
            add(g, distribution, DCTerms.title.asNode(), en(f.name()));
            add(g, distribution, DCAT.downloadURL.asNode(), uri(folderUrl(version) + f.name()));
            add(g, distribution, DCAT.mediaType.asNode(), uri(IANA + f.mediaType()));
            if (f.compressed()) {
                add(g, distribution, DCAT.compressFormat.asNode(), uri(IANA + "application/gzip"));
            }
            add(
                    g,
                    distribution,
                    DCAT.byteSize.asNode(),
                    NodeFactory.createLiteralDT(Long.toString(f.bytes()), XSDDatatype.XSDnonNegativeInteger));
            if (f.graph() != null) {
                add(g, distribution, DCTerms.source.asNode(), uri(f.graph()));
            }
            Node checksum = uri(release.getURI() + "#" + f.name() + "-sha256");
            add(g, distribution, SPDX.checksum.asNode(), checksum);
            add(g, checksum, RDF.type.asNode(), SPDX.Checksum.asNode());
            add(g, checksum, SPDX.algorithm.asNode(), SPDX.checksumAlgorithm_sha256.asNode());
            add(
                    g,
                    checksum,
                    SPDX.checksumValue.asNode(),
                    NodeFactory.createLiteralDT(f.sha256(), XSDDatatype.XSDhexBinary));
        }
        return g;
    }

    /**
     * The releases of the Atlas: every published release's description, and the Atlas dataset with
     * {@code dcat:hasVersion} for each and {@code dcat:hasCurrentVersion} for {@code current}, the release whose
     * content equals the live data (DCAT 3: "a more specific, versioned resource with equivalent content"), if any.
     */
    public Graph catalog(List<Release> releases, Optional<Release> current) {
        Graph g = graph();
        Node atlas = iris.dataset();
        add(g, atlas, RDF.type.asNode(), DCAT.Dataset.asNode());
        add(g, atlas, DCTerms.title.asNode(), en("Partnership Atlas"));
        for (Release r : releases) {
            RDFParser.source(r.file(Release.METADATA)).parse(g);
            add(g, atlas, DCAT3.hasVersion.asNode(), uri(r.iri()));
        }
        current.ifPresent(r -> add(g, atlas, DCAT3.hasCurrentVersion.asNode(), uri(r.iri())));
        return g;
    }

    /** How to cite a release (Citation File Format 1.2.0). */
    public String citation(String version, Instant issued) {
        return "cff-version: 1.2.0\n"
                + "message: \"If you use this data, please cite this release of it as below.\"\n"
                + "type: dataset\n"
                + "title: \"Partnership Atlas\"\n"
                + "abstract: \"Public-service partnerships in England (c. 2000-2003), as linked data.\"\n"
                + "authors:\n"
                + "  - name: \"The Partnership Atlas\"\n"
                + "version: \"" + version + "\"\n"
                + "date-released: " + issued.atZone(ZoneOffset.UTC).toLocalDate() + "\n"
                + "license: CC-BY-4.0\n"
                + "url: \"" + folderUrl(version) + "\"\n"
                + "identifiers:\n"
                + "  - type: url\n"
                + "    value: \"" + iris.release(version).getURI() + "\"\n"
                + "    description: \"The release's IRI\"\n";
    }

    private static Graph graph() {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefixes(AtlasOntology.prefixes());
        g.getPrefixMapping().setNsPrefix("adms", ADMS.NS);
        return g;
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

    private static Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }
}
