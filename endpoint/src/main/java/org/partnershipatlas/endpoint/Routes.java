package org.partnershipatlas.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The HTTP contract of the Atlas: every path it serves, and the URLs built from them, in one place (as RDF4J's
 * {@code Protocol} has {@code getStatementsLocation(...)}).
 *
 * <pre>
 *   Routes.serverUrl(request) + Routes.SPARQL          // "http://localhost:3030/atlas/sparql"
 *   Routes.docHref(iris, "", iris.id("locality", "newham"))  // "/doc/locality/newham"
 * </pre>
 */
public final class Routes {
    /** The Fuseki dataset. */
    public static final String DATASET = "/atlas";
    /** SPARQL 1.1 query (GET and POST). */
    public static final String SPARQL = DATASET + "/sparql";
    /** SPARQL 1.1 query, the name Fuseki users expect. */
    public static final String QUERY = DATASET + "/query";
    /** SPARQL 1.1 Graph Store Protocol, read only. */
    public static final String DATA = DATASET + "/data";
    /** The query API. */
    public static final String API = "/api";
    /** The named-query library: list (JSON, or the examples page) and one query's results. */
    public static final String API_QUERIES = API + "/queries";
    /** OpenAPI 3 description of the query API. */
    public static final String OPENAPI = API + "/openapi.json";
    /** Identifiers of things: {@code /id/{type}/{slug}} answers 303 to the document. */
    public static final String ID = "/id";
    /** Documents about things, and the index pages. */
    public static final String DOC = "/doc";
    /** The ontology's own documentation and serialisations. */
    public static final String DEF = "/def";
    /** The published JSON-LD context. */
    public static final String CONTEXT = "/context.jsonld";
    /** The DCAT catalogue and VoID description of the dataset. */
    public static final String CATALOG = "/catalog";
    /** The VoID description at its well-known location. */
    public static final String VOID = "/.well-known/void";
    /** Release files (dumps) and their checksums. */
    public static final String DUMPS = "/dumps";
    /** Versioned releases: the index, {@code /releases/{version}/...} and {@code /releases/latest}. */
    public static final String RELEASES = "/releases";
    /** The name of the newest release under {@link #RELEASES}, redirected to it. */
    public static final String LATEST_RELEASE = ReleaseArchive.LATEST;
    /** A release's changes since the release before, under its folder. */
    public static final String RELEASE_CHANGES = "changes";
    /** The Linked Data Event Stream of the releases: {@code /ldes}, {@code /ldes/view}, {@code /ldes/{version}/{n}}. */
    public static final String LDES = "/ldes";
    /** The releases' changes for people, as an Atom feed. */
    public static final String CHANGES_FEED = "/changes.atom";
    /** The gatekeeper's API: {@code /check} (open) and {@code /decisions} (admins). */
    public static final String API_PROPOSALS = API + "/proposals";
    /** The proposal form and its printable report. */
    public static final String PROPOSALS = "/proposals";
    /** Rationalisation reports, {@code /reports/{locality}}. */
    public static final String REPORTS = "/reports";
    /** Full-text search. */
    public static final String SEARCH = "/search";
    /** Browse by problem domain: the tree, and a page per domain. */
    public static final String DOMAINS = "/domains";
    /** The faceted guidance catalogue. */
    public static final String GUIDANCE = "/guidance";
    /** Locality pages with their partnership map. */
    public static final String LOCALITIES = "/localities";
    /** The SPARQL editor page. */
    public static final String SPARQL_PAGE = "/sparql";
    /** How the store would run a SPARQL query, and why it is slow ({@code ExplainServlet}). */
    public static final String EXPLAIN = SPARQL_PAGE + "/explain";
    /** Front-end libraries from WebJars. */
    public static final String WEBJARS = "/webjars";
    /** Admin operations (credentials needed): load, reload, backups, reopen. */
    public static final String ADMIN = "/admin";
    /** Liveness: 200 with the store's state while the server answers. */
    public static final String HEALTH = "/health";
    /** Readiness: 503 while the store refuses writes after a storage fault. */
    public static final String READY = "/ready";
    /** The home page. */
    public static final String HOME = "/";
    /** Stylesheets and other files of the pages. */
    public static final String STATIC = "/static";

    private Routes() {}

    /**
     * The server's root URL as this request reached it, without a trailing '/': scheme, host, port and context path,
     * e.g. {@code http://localhost:3030}.
     */
    public static String serverUrl(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath();
    }

    /**
     * The root URL of a server listening on {@code host} and {@code port}, with a trailing '/', e.g.
     * {@code http://localhost:3030/}: all interfaces show as {@code localhost}, an IPv6 address in brackets.
     */
    public static String serverUrl(String host, int port) {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return "http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port + "/";
    }

    /**
     * {@code {contextPath}/releases/{version}/{inside}}: a release's folder ({@code inside} empty), one of its files, or
     * its changes.
     */
    public static String releasePath(String contextPath, String version, String inside) {
        return contextPath + RELEASES + "/" + version + "/" + inside;
    }

    /** The published JSON-LD context at the server this request reached. */
    public static String contextUrl(HttpServletRequest request) {
        return serverUrl(request) + CONTEXT;
    }

    /**
     * The document about an Atlas resource ({@code {base}id/{path}}) on this server, {@code {contextPath}/doc/{path}};
     * an IRI outside the Atlas's id space is returned as it is.
     */
    public static String docHref(AtlasIris iris, String contextPath, String iri) {
        return iri.startsWith(iris.idSpace())
                ? docPath(contextPath, iri.substring(iris.idSpace().length()))
                : iri;
    }

    /** {@code {contextPath}/doc/{path}}, where {@code path} is {@code type/slug} (or a type, for its index). */
    public static String docPath(String contextPath, String path) {
        return contextPath + DOC + "/" + path;
    }

    /**
     * The page a resource at {@code path} in the id space ({@code type/slug}) links to: a locality's and a problem
     * domain's portal pages, every other resource's document.
     */
    public static String pagePath(String contextPath, String path) {
        if (path.startsWith("locality/")) {
            return contextPath + LOCALITIES + "/" + path.substring("locality/".length());
        }
        if (path.startsWith("problem-domain/")) {
            return contextPath + DOMAINS + "/" + path.substring("problem-domain/".length());
        }
        return docPath(contextPath, path);
    }
}
