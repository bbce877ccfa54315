package org.partnershipatlas.loaders.linkhealth;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * The curators' report: the rows of the named query {@code links-needing-review} (dead, failing, moved, blocked and
 * soft-404 links per publisher), for {@code atlas check-links --report} and {@code /reports/links}.
 */
public final class LinkReport {
    /** The named query the report is made of. */
    public static final String QUERY = "links-needing-review";

    private LinkReport() {}

    /** The report's rows, each a map from the query's variables (in order) to values ("" when unbound). */
    public static List<Map<String, String>> rows(DatasetGraph dsg, AtlasIris iris) {
        NamedQuery named = QueryCatalogue.load().require(QUERY);
        Query query = new QueryBinder(iris).bind(named, Map.of());
        List<Map<String, String>> rows = new ArrayList<>();
        try (QueryExec exec = QueryExec.dataset(dsg).query(query).build()) {
            RowSet results = exec.select();
            List<Var> vars = results.getResultVars();
            while (results.hasNext()) {
                Binding b = results.next();
                Map<String, String> row = new LinkedHashMap<>();
                for (Var v : vars) {
                    var n = b.get(v);
                    row.put(v.getVarName(), n == null ? "" : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The rows as CSV (RFC 4180), with a header of the query's variables. */
    public static String csv(List<Map<String, String>> rows) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180)) {
            if (!rows.isEmpty()) {
                printer.printRecord(rows.get(0).keySet());
            }
            for (Map<String, String> row : rows) {
                printer.printRecord(row.values());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The rows as plain text for a terminal: one block per publisher. */
    public static String text(List<Map<String, String>> rows) {
        StringBuilder s = new StringBuilder();
        String publisher = null;
        for (Map<String, String> r : rows) {
            String p = r.get("publisherName").isEmpty() ? "(no publisher)" : r.get("publisherName");
            if (!p.equals(publisher)) {
                s.append(p).append('\n');
                publisher = p;
            }
            s.append("  ")
                    .append("true".equals(r.get("dead")) ? "DEAD " : "")
                    .append(r.get("status"))
                    .append(r.get("httpStatus").isEmpty() ? "" : " (" + r.get("httpStatus") + ")")
                    .append(": ")
                    .append(r.get("link"))
                    .append('\n');
            if (!r.get("title").isEmpty()) {
                s.append("    linked from: ").append(r.get("title")).append('\n');
            }
            if (!r.get("replacement").isEmpty()) {
                s.append("    suggested replacement: ")
                        .append(r.get("replacement"))
                        .append('\n');
            }
            if (!r.get("archivedAt").isEmpty()) {
                s.append("    archived copy: ").append(r.get("archivedAt")).append('\n');
            }
            if (!r.get("replacedBy").isEmpty()) {
                s.append("    recorded as replaced by: ")
                        .append(r.get("replacedBy"))
                        .append('\n');
            }
            if (!r.get("suggestedReplacedBy").isEmpty()) {
                s.append("    the new address is the page of ")
                        .append(r.get("suggestedReplacedBy"))
                        .append(": does it replace this document? (then record it as replaced_by)\n");
            }
            s.append("    last checked ").append(r.get("lastChecked"));
            s.append(
                    r.get("lastOk").isEmpty()
                            ? ", never worked since checking began"
                            : ", last worked " + r.get("lastOk"));
            s.append('\n');
        }
        return s.length() == 0 ? "No links need review.\n" : s.toString();
    }
}
