package org.partnershipatlas.endpoint.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.partnershipatlas.queries.NamedQuery;

/** The rows of a SELECT named query: an HTML table, or SPARQL results in JSON, XML, CSV or TSV. */
final class TableView {
    /** What a table is offered as, in order of preference when the client accepts anything. */
    static final List<String> TYPES = List.of(
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
            "application/json",
            QueryApiServlet.HTML);

    private final ResultsPage page;

    TableView(ResultsPage page) {
        this.page = page;
    }

    void write(
            NamedQuery named,
            Map<String, String> values,
            RowSet rows,
            String type,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (type.equals(QueryApiServlet.HTML)) {
            List<String> columns =
                    rows.getResultVars().stream().map(Var::getVarName).toList();
            List<List<ExamplesPage.Cell>> table = new ArrayList<>();
            while (rows.hasNext()) {
                Binding b = rows.next();
                List<ExamplesPage.Cell> row = new ArrayList<>();
                for (Var v : rows.getResultVars()) {
                    row.add(page.cell(b.get(v), request));
                }
                table.add(row);
            }
            page.render(named, values, columns, table, request, response);
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
}
