package org.partnershipatlas.endpoint.feeds;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.XSD;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.ld.RdfFormat;
import org.partnershipatlas.endpoint.ld.RdfOutput;
import org.partnershipatlas.endpoint.releases.ReleasesServlet;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.feeds.LdesPages;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.ontology.Vocab.AS;
import org.partnershipatlas.ontology.Vocab.LDES;
import org.partnershipatlas.ontology.Vocab.TREE;

/**
 * {@code /ldes}: the Linked Data Event Stream of the releases (SEMIC LDES, TREE hypermedia). The stream
 * ({@code /ldes}) says how to read its members and has one view, {@code /ldes/view}, the root node: a
 * {@code tree:GreaterThanOrEqualToRelation} on {@code dcterms:created} to the first page of every published release,
 * whose value is the release's issue time. A release's pages ({@code /ldes/{version}/{n}}, {@link LdesPages}) hold its
 * members, each page linking to the next; they never change ({@code Cache-Control: public, max-age=31536000,
 * immutable}, a strong ETag, 304). The stream and the view change with the next release: cached a minute. The page
 * graph is a tree: the view fans out to the releases, each release is a chain.
 *
 * <p>Turtle, N-Triples, JSON-LD and RDF/XML by {@code Accept} (a browser gets Turtle). Page files hold relative IRIs,
 * resolved against this server's address.
 */
public final class LdesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** How the stream and its view may be cached: they gain a relation with every release. */
    public static final String MUTABLE = "public, max-age=60";

    private static final String NQUADS = "application/n-quads";

    private static final Map<String, String> PREFIXES =
            Map.of("tree", TREE.NS, "ldes", LDES.NS, "as", AS.NS, "dcterms", DCTerms.NS, "xsd", XSD.NS);

    private final transient AtlasContext atlas;
    private final transient ReleaseArchive archive;
    private final transient LdesPages pages;
    private final transient Map<Path, String> sums = new ConcurrentHashMap<>();

    public LdesServlet(AtlasContext atlas, ReleaseArchive archive) {
        this.atlas = atlas;
        this.archive = archive;
        this.pages = new LdesPages(archive, atlas.iris());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String root = Routes.serverUrl(request) + "/";
        RdfFormat format = negotiate(request);
        response.setHeader("Vary", "Accept");
        if (path == null || path.equals("/")) {
            response.setHeader("Cache-Control", MUTABLE);
            send(stream(root), format, request, response);
            return;
        }
        if (path.equals("/view")) {
            response.setHeader("Cache-Control", MUTABLE);
            send(view(root), format, request, response);
            return;
        }
        String[] parts = path.substring(1).split("/", -1);
        if (parts.length != 2) {
            throw HttpErrorException.notFound(
                    "No page of the event stream at " + Routes.LDES + path + "; start at " + Routes.LDES);
        }
        page(parts[0], parts[1], root, format, request, response);
    }

    /**
     * The format the {@code Accept} header asks for, Turtle by default. N-Quads is offered too, answered as
     * N-Triples (the pages have no named graphs): LDES clients list it first, and a line format is the quickest for
     * them to read (they would get JSON-LD otherwise). A browser gets Turtle.
     */
    private static RdfFormat negotiate(HttpServletRequest request) {
        List<String> offered = new ArrayList<>(List.of(RdfFormat.TURTLE.mediaType(), NQUADS));
        offered.addAll(RdfFormat.mediaTypes());
        String chosen = ConNeg.choose(request.getHeader("Accept"), offered);
        if (chosen == null) {
            throw HttpErrorException.notAcceptable(offered);
        }
        if (chosen.equals(NQUADS)) {
            return RdfFormat.NTRIPLES;
        }
        RdfFormat format = RdfFormat.byMediaType(chosen).orElseThrow();
        return format == RdfFormat.HTML ? RdfFormat.TURTLE : format;
    }

    /** The stream: how to read its members, and its one view. */
    private static Graph stream(String root) {
        Graph g = graph();
        Node stream = NodeFactory.createURI(root + LdesPages.STREAM);
        g.add(stream, RDF.type.asNode(), LDES.EventStream.asNode());
        g.add(stream, LDES.versionOfPath.asNode(), DCTerms.isVersionOf.asNode());
        g.add(stream, LDES.timestampPath.asNode(), DCTerms.created.asNode());
        g.add(
                stream,
                DCTerms.title.asNode(),
                NodeFactory.createLiteralLang(
                        "Partnership Atlas: the versions of its resources, release by release", "en"));
        g.add(stream, TREE.view.asNode(), NodeFactory.createURI(root + LdesPages.VIEW));
        return g;
    }

    /** The root node: a relation to each published release's first page. */
    private Graph view(String root) {
        Graph g = graph();
        Node view = NodeFactory.createURI(root + LdesPages.VIEW);
        g.add(view, RDF.type.asNode(), TREE.Node.asNode());
        for (Release r : archive.releases()) {
            Node relation = NodeFactory.createBlankNode();
            g.add(view, TREE.relation.asNode(), relation);
            g.add(relation, RDF.type.asNode(), TREE.GreaterThanOrEqualToRelation.asNode());
            g.add(relation, TREE.node.asNode(), NodeFactory.createURI(root + LdesPages.pagePath(r.version(), 1)));
            g.add(relation, TREE.path.asNode(), DCTerms.created.asNode());
            g.add(
                    relation,
                    TREE.value.asNode(),
                    NodeFactory.createLiteralDT(r.issued().toString(), XSDDatatype.XSDdateTime));
        }
        return g;
    }

    private void page(
            String version,
            String number,
            String root,
            RdfFormat format,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (archive.withdrawn(version)) {
            throw HttpErrorException.gone("Release " + version + " was withdrawn: "
                    + archive.withdrawalReason(version).orElse("no reason was given")
                    + ". Its pages are no longer in the event stream.");
        }
        Release release = archive.find(version)
                .orElseThrow(() -> HttpErrorException.notFound("There is no release " + version
                        + " in the event stream; its view " + Routes.LDES + "/view lists the releases."));
        LdesPages.Pages written = pages.ensure(release);
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > written.pages() || !String.valueOf(n).equals(number)) {
            throw HttpErrorException.notFound("Release " + version + " has pages 1 to " + written.pages() + " in the"
                    + " event stream, not '" + number + "'");
        }
        Path file = written.file(n);
        String etag = "\"" + tag(file, format, root) + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", ReleasesServlet.IMMUTABLE);
        if (ReleasesServlet.matchesAny(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        Graph g = graph();
        try (InputStream in = written.open(n)) {
            RDFParser.source(in).lang(Lang.TURTLE).base(root).parse(g);
        }
        send(g, format, request, response);
    }

    /** A strong tag for a page as sent: its file's checksum, the format, and the address its IRIs are resolved to. */
    private String tag(Path file, RdfFormat format, String root) {
        String sum = sums.computeIfAbsent(file, f -> {
            try {
                return Checksums.sha256(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] digest = md.digest((sum + " " + format.suffix() + " " + root).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Graph graph() {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefixes(PREFIXES);
        return g;
    }

    private static void send(Graph graph, RdfFormat format, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdfOutput.write(graph, format, Routes.contextUrl(request), out);
        response.setContentType(format.contentType());
        response.setContentLength(out.size());
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(out.toByteArray());
        }
    }
}
