package org.partnershipatlas.endpoint.api;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrors;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.queries.BadParameterException;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.Param;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;
import org.partnershipatlas.queries.UnknownQueryException;

/**
 * Serves {@code /api/*}: the query library as JSON or as the examples page, one named query's results in the
 * format the client accepts, and the OpenAPI description.
 */
public final class QueryApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String HTML = "text/html";
    static final List<String> SELECT_TYPES = List.of(
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
            "application/json",
            HTML);
    static final List<String> GRAPH_TYPES =
            List.of("text/turtle", "application/ld+json", "application/n-triples", HTML);
    /** {@code format=} shortcuts, for links and for clients that cannot set headers. */
    static final Map<String, String> FORMATS = Map.of(
            "json", "application/sparql-results+json",
            "xml", "application/sparql-results+xml",
            "csv", "text/csv",
            "tsv", "text/tab-separated-values",
            "html", HTML,
            "ttl", "text/turtle",
            "jsonld", "application/ld+json",
            "nt", "application/n-triples");

    private final transient DatasetGraph dsg;
    private final transient QueryCatalogue catalogue;
    private final transient QueryBinder binder;
    private final transient QueryRunner queries;
    private final transient Templates templates;
    private final transient AtlasIris iris;
    private final Duration timeout;

    public QueryApiServlet(
            DatasetGraph dsg, QueryCatalogue catalogue, AtlasIris iris, Templates templates, Duration timeout) {
        this.dsg = dsg;
        this.catalogue = catalogue;
        this.iris = iris;
        this.binder = new QueryBinder(iris);
        this.queries = new QueryRunner(dsg, catalogue, iris).withTimeout(timeout);
        this.templates = templates;
        this.timeout = timeout;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        try {
            if (path.equals("/openapi.json")) {
                response.setContentType("application/json; charset=utf-8");
                response.getWriter().println(JSON.toString(OpenApi.describe(catalogue, serverUrl(request))));
            } else if (path.equals("/queries") || path.equals("/queries/")) {
                list(request, response);
            } else if (path.startsWith("/queries/")) {
                run(catalogue.require(path.substring("/queries/".length())), request, response);
            } else {
                HttpErrors.send(request, response, 404, "No API resource at " + request.getRequestURI(), null);
            }
        } catch (UnknownQueryException e) {
            HttpErrors.send(request, response, 404, e.getMessage() + "; see " + Routes.API_QUERIES, null);
        } catch (BadParameterException e) {
            HttpErrors.send(request, response, 400, e.getMessage(), e.parameter());
        } catch (QueryCancelledException e) {
            HttpErrors.send(
                    request, response, 503, "The query ran past the time limit of " + timeout.toSeconds() + " s", null);
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = ConNeg.choose(request.getHeader("Accept"), List.of("application/json", HTML));
        if (type == null) {
            HttpErrors.send(request, response, 406, "Offered: application/json, text/html", null);
            return;
        }
        if (type.equals(HTML)) {
            response.setContentType("text/html; charset=utf-8");
            templates.render(
                    "queries.ftlh",
                    Map.of("queries", ExamplesPage.entries(catalogue, binder, dsg, iris), "root", root(request)),
                    response.getWriter());
            return;
        }
        JsonArray list = new JsonArray();
        for (NamedQuery q : catalogue.list()) {
            JsonObject entry = new JsonObject();
            entry.put("name", q.name());
            entry.put("summary", q.summary());
            entry.put("description", q.description());
            JsonArray tags = new JsonArray();
            q.tags().forEach(tags::add);
            entry.put("tags", tags);
            entry.put("kind", q.returnsGraph() ? "graph" : "table");
            JsonArray params = new JsonArray();
            for (Param p : q.params()) {
                JsonObject param = new JsonObject();
                param.put("name", p.name());
                param.put("type", p.typeName());
                param.put("required", p.required());
                if (p.example() != null) {
                    param.put("example", p.example());
                }
                params.add(param);
            }
            entry.put("parameters", params);
            entry.put("url", serverUrl(request) + Routes.API_QUERIES + "/" + q.name());
            entry.put(
                    "exampleUrl",
                    serverUrl(request) + Routes.API_QUERIES + "/" + q.name() + ExamplesPage.queryString(q.examples()));
            entry.put("sparql", q.text());
            list.add(entry);
        }
        JsonObject body = new JsonObject();
        body.put("queries", list);
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().println(JSON.toString(body));
    }

    private void run(NamedQuery named, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        String format = null;
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            if (e.getValue().length != 1) {
                throw new BadParameterException(e.getKey(), "given " + e.getValue().length + " times; give it once");
            }
            if (e.getKey().equals("format")) {
                format = e.getValue()[0];
            } else {
                values.put(e.getKey(), e.getValue()[0]);
            }
        }
        List<String> offered = named.returnsGraph() ? GRAPH_TYPES : SELECT_TYPES;
        String type;
        if (format != null) {
            type = FORMATS.get(format);
            if (type == null || !offered.contains(type)) {
                throw new BadParameterException("format", "'" + format + "' is not offered for this query");
            }
        } else {
            type = ConNeg.choose(request.getHeader("Accept"), offered);
        }
        if (type == null) {
            HttpErrors.send(request, response, 406, "Offered: " + String.join(", ", offered), null);
            return;
        }
        Query query = binder.bind(named, values);
        String chosen = type;
        response.setHeader("Vary", "Accept");
        if (named.returnsGraph()) {
            writeGraph(named, values, queries.construct(query), chosen, request, response);
        } else {
            // Rows are written as they come: a timeout after the first ones cuts the connection (StreamFailureIT).
            queries.stream(query, rows -> {
                writeRows(named, values, rows, chosen, request, response);
                return null;
            });
        }
    }

    private void writeRows(
            NamedQuery named,
            Map<String, String> values,
            RowSet rows,
            String type,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (type.equals(HTML)) {
            List<String> vars =
                    rows.getResultVars().stream().map(Var::getVarName).toList();
            List<List<ExamplesPage.Cell>> table = new ArrayList<>();
            while (rows.hasNext()) {
                Binding b = rows.next();
                List<ExamplesPage.Cell> row = new ArrayList<>();
                for (Var v : rows.getResultVars()) {
                    row.add(ExamplesPage.cell(b.get(v), href(request)));
                }
                table.add(row);
            }
            response.setContentType("text/html; charset=utf-8");
            templates.render(
                    "results.ftlh",
                    Map.of(
                            "query",
                            named,
                            "values",
                            values,
                            "vars",
                            vars,
                            "rows",
                            table,
                            "links",
                            ExamplesPage.formatLinks(named, values),
                            "root",
                            root(request)),
                    response.getWriter());
            return;
        }
        Lang rsLang = switch (type) {
            case "application/sparql-results+xml" -> ResultSetLang.RS_XML;
            case "text/csv" -> ResultSetLang.RS_CSV;
            case "text/tab-separated-values" -> ResultSetLang.RS_TSV;
            default -> ResultSetLang.RS_JSON;
        };
        response.setContentType(
                type + ("text/csv".equals(type) || type.startsWith("text/tab") ? "; charset=utf-8" : ""));
        OutputStream out = response.getOutputStream();
        ResultSetMgr.write(out, ResultSet.adapt(rows), rsLang);
        out.flush();
    }

    private void writeGraph(
            NamedQuery named,
            Map<String, String> values,
            Graph graph,
            String type,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (type.equals(HTML)) {
            List<List<ExamplesPage.Cell>> table = new ArrayList<>();
            graph.find()
                    .forEachRemaining(t -> table.add(List.of(
                            ExamplesPage.cell(t.getSubject(), href(request)),
                            ExamplesPage.cell(t.getPredicate(), href(request)),
                            ExamplesPage.cell(t.getObject(), href(request)))));
            response.setContentType("text/html; charset=utf-8");
            templates.render(
                    "results.ftlh",
                    Map.of(
                            "query",
                            named,
                            "values",
                            values,
                            "vars",
                            List.of("subject", "predicate", "object"),
                            "rows",
                            table,
                            "links",
                            ExamplesPage.formatLinks(named, values),
                            "root",
                            root(request)),
                    response.getWriter());
            return;
        }
        Lang lang = RDFLanguages.contentTypeToLang(type);
        response.setContentType(type + (lang.equals(Lang.JSONLD) ? "" : "; charset=utf-8"));
        graph.getPrefixMapping().setNsPrefixes(AtlasOntology.prefixes());
        RDFDataMgr.write(response.getOutputStream(), graph, lang);
    }

    private static String root(HttpServletRequest request) {
        return request.getContextPath() + "/";
    }

    /** Links in HTML results: Atlas resources to their documents on this server. */
    private java.util.function.UnaryOperator<String> href(HttpServletRequest request) {
        return iri -> iri.startsWith(iris.idSpace())
                ? request.getContextPath() + Routes.DOC + "/"
                        + iri.substring(iris.idSpace().length())
                : iri;
    }

    static String serverUrl(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath();
    }
}
