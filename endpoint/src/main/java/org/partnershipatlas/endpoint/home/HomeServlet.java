package org.partnershipatlas.endpoint.home;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.jena.sparql.core.DatasetGraph;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.api.QueryLinks;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;

/**
 * The home page at {@code /}: says what the service is, gives the SPARQL endpoint, counts what the store holds,
 * says which published release the live data is (or "none yet"), and lists the query library's examples with links
 * that run them. Any other path not served elsewhere is 404.
 */
public final class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient DatasetGraph dsg;
    private final transient QueryCatalogue catalogue;
    private final transient Templates templates;
    private final transient Supplier<Optional<Release>> servedRelease;
    private final boolean feeds;

    /**
     * @param servedRelease the release whose data the live store holds, if any
     * @param feeds whether the change feeds are served (they are when releases are), to link to them
     */
    public HomeServlet(
            DatasetGraph dsg,
            QueryCatalogue catalogue,
            Templates templates,
            Supplier<Optional<Release>> servedRelease,
            boolean feeds) {
        this.dsg = dsg;
        this.catalogue = catalogue;
        this.templates = templates;
        this.servedRelease = servedRelease;
        this.feeds = feeds;
    }

    /** A row of the "what is here" table. */
    public record Count(String label, long count) {}

    /** An example query with its links. */
    public record Example(String name, String summary, String description, String runUrl, String pageUrl) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.isEmpty() && !path.equals("/")) {
            throw HttpErrorException.notFound("No page at " + path);
        }
        String base = Routes.serverUrl(request);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader(
                "Link",
                "<" + base + Routes.SPARQL + ">; rel=\"http://www.w3.org/ns/sparql-service-description#endpoint\"");
        templates.render(
                "home.ftlh",
                Map.of(
                        "sparqlUrl",
                        base + Routes.SPARQL,
                        "dataUrl",
                        base + Routes.DATA,
                        "counts",
                        counts(),
                        "examples",
                        examples(),
                        "release",
                        servedRelease.get().map(Release::version).orElse(""),
                        "feeds",
                        feeds,
                        "root",
                        request.getContextPath() + "/"),
                response.getWriter());
    }

    private List<Count> counts() {
        // resource-counts takes no parameters, so the base the runner resolves relative IRIs against is not used.
        return new QueryRunner(dsg, catalogue, AtlasIris.DEFAULT)
                .select(
                        "resource-counts",
                        Map.of(),
                        b -> new Count(
                                b.get("label").getLiteralLexicalForm(),
                                ((Number) b.get("count").getLiteralValue()).longValue()));
    }

    private List<Example> examples() {
        return catalogue.list().stream()
                .map(q -> new Example(
                        q.name(),
                        q.summary(),
                        q.description(),
                        Routes.API_QUERIES.substring(1) + "/" + q.name() + QueryLinks.queryString(q.examples()),
                        Routes.API_QUERIES.substring(1) + "#" + q.name()))
                .toList();
    }
}
