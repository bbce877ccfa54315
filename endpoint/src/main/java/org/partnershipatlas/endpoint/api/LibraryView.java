package org.partnershipatlas.endpoint.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.sparql.core.DatasetGraph;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.Param;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;

/** {@code /api/queries}: the library of named queries as JSON (for programs) or as the examples page. */
final class LibraryView {
    static final List<String> TYPES = List.of("application/json", QueryApiServlet.HTML);

    private final QueryCatalogue catalogue;
    private final QueryBinder binder;
    private final DatasetGraph dsg;
    private final AtlasIris iris;
    private final Templates templates;

    LibraryView(QueryCatalogue catalogue, QueryBinder binder, DatasetGraph dsg, AtlasIris iris, Templates templates) {
        this.catalogue = catalogue;
        this.binder = binder;
        this.dsg = dsg;
        this.iris = iris;
        this.templates = templates;
    }

    void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = ConNeg.choose(request.getHeader("Accept"), TYPES);
        if (type == null) {
            throw HttpErrorException.notAcceptable(TYPES);
        }
        if (type.equals(QueryApiServlet.HTML)) {
            response.setContentType("text/html; charset=utf-8");
            templates.render(
                    "queries.ftlh",
                    Map.of(
                            "queries",
                            ExamplesPage.entries(catalogue, binder, dsg, iris),
                            "root",
                            request.getContextPath() + "/"),
                    response.getWriter());
            return;
        }
        JsonArray list = new JsonArray();
        for (NamedQuery q : catalogue.list()) {
            list.add(entry(q, Routes.serverUrl(request) + Routes.API_QUERIES + "/" + q.name()));
        }
        JsonObject body = new JsonObject();
        body.put("queries", list);
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().println(JSON.toString(body));
    }

    /** One query in the JSON listing: what it is, its parameters, where to run it and an example call. */
    private static JsonObject entry(NamedQuery q, String url) {
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
        entry.put("url", url);
        entry.put("exampleUrl", url + ExamplesPage.queryString(q.examples()));
        entry.put("sparql", q.text());
        return entry;
    }
}
