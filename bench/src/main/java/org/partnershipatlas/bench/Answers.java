package org.partnershipatlas.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.process.normalize.NormalizeRDFTerms;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingComparator;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcat;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcatDistinct;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;

/**
 * The answer of a query in a form two SPARQL engines' answers can be compared in: SELECT rows as multisets of
 * canonical rows (in order, for the check of ORDER BY), CONSTRUCT graphs as sets of canonical triples.
 *
 * <p>Terms are compared by value where engines legitimately write them differently: numbers of any XSD numeric type
 * by their decimal value ({@code 3}, {@code "3"^^xsd:int}, {@code 3.0} are equal), {@code xsd:string} and simple
 * literals alike, language tags case-insensitively, booleans and other typed literals in Jena's canonical form. Blank
 * nodes all compare equal (their labels mean nothing across engines). The value of a {@code GROUP_CONCAT}, whose
 * order SPARQL leaves open, is compared as the sorted list of its parts ({@link #groupConcats}).
 */
final class Answers {
    final List<String> vars;
    final List<String> rows;
    /** The rows with their terms exactly as sent (datatypes, language tags), sorted: see {@link #sameTermsAs}. */
    final List<String> exactRows;

    final List<Binding> bindings;
    /** True if more rows came than were read. */
    final boolean truncated;

    private Answers(
            List<String> vars, List<String> rows, List<String> exactRows, List<Binding> bindings, boolean truncated) {
        this.exactRows = exactRows;
        this.vars = vars;
        this.rows = rows;
        this.bindings = bindings;
        this.truncated = truncated;
    }

    /** Reads a row set to its end. */
    static Answers of(RowSet rs) {
        return of(rs, Long.MAX_VALUE, Map.of());
    }

    /**
     * Reads a row set to its end, or stops after {@code max} rows (an engine that goes wrong can send millions):
     * {@link #truncated} then says so.
     */
    static Answers of(RowSet rs, long max, Map<String, String> unordered) {
        List<Var> vars = rs.getResultVars();
        // Rows are keyed with their variables in name order, so that the projection's order does not matter.
        List<Var> sorted = vars.stream()
                .sorted(java.util.Comparator.comparing(Var::getVarName))
                .toList();
        List<String> rows = new ArrayList<>();
        List<String> exact = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        boolean truncated = false;
        while (rs.hasNext()) {
            if (rows.size() == max) {
                truncated = true;
                break;
            }
            Binding b = rs.next();
            bindings.add(b);
            rows.add(row(sorted, b, unordered, false));
            exact.add(row(sorted, b, unordered, true));
        }
        exact.sort(null);
        return new Answers(vars.stream().map(Var::getVarName).toList(), rows, exact, bindings, truncated);
    }

    /** A graph as its sorted canonical triples ("vars" is empty). */
    static Answers of(Graph graph) {
        List<String> triples = new ArrayList<>();
        graph.find().forEachRemaining(t -> triples.add(triple(t)));
        triples.sort(null);
        List<String> exact = new ArrayList<>();
        graph.find()
                .forEachRemaining(t ->
                        exact.add(exact(t.getSubject()) + " " + exact(t.getPredicate()) + " " + exact(t.getObject())));
        exact.sort(null);
        return new Answers(List.of(), triples, exact, List.of(), false);
    }

    int size() {
        return rows.size();
    }

    /**
     * Compares with the expected answer; empty if the same. For a query with ORDER BY, the rows must also come in an
     * order the query allows: each row sorts no earlier than the one before by the query's sort conditions
     * (evaluated by Jena), so ties may come in any order, as SPARQL allows.
     */
    String differenceFrom(Answers expected, Query query) {
        if (!new HashSet<>(vars).equals(new HashSet<>(expected.vars))) {
            return "variables " + vars + " instead of " + expected.vars;
        }
        if (truncated) {
            return String.format(
                    "more than %d rows (stopped reading) instead of %d", rows.size(), expected.rows.size());
        }
        Map<String, Integer> missing = counts(expected.rows);
        Map<String, Integer> extra = counts(rows);
        for (String r : rows) {
            missing.computeIfPresent(r, (k, n) -> n > 1 ? n - 1 : null);
        }
        for (String r : expected.rows) {
            extra.computeIfPresent(r, (k, n) -> n > 1 ? n - 1 : null);
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            return String.format(
                    "%d %s instead of %d; missing %d: %s; extra %d: %s",
                    rows.size(),
                    vars.isEmpty() ? "triples" : "rows",
                    expected.rows.size(),
                    total(missing),
                    sample(missing),
                    total(extra),
                    sample(extra));
        }
        if (query != null && query.hasOrderBy() && !bindings.isEmpty()) {
            BindingComparator order = new BindingComparator(query.getOrderBy());
            for (int i = 1; i < bindings.size(); i++) {
                if (order.compare(bindings.get(i - 1), bindings.get(i)) > 0) {
                    return String.format(
                            "same rows, not in ORDER BY order: row %d %s before row %d %s",
                            i, shorten(rows.get(i - 1)), i + 1, shorten(rows.get(i)));
                }
            }
        }
        return "";
    }

    private static Map<String, Integer> counts(List<String> rows) {
        Map<String, Integer> m = new TreeMap<>();
        rows.forEach(r -> m.merge(r, 1, Integer::sum));
        return m;
    }

    private static int total(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String sample(Map<String, Integer> m) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            if (out.size() == 2) {
                out.add("...");
                break;
            }
            out.add(shorten(e.getKey()) + (e.getValue() > 1 ? " x" + e.getValue() : ""));
        }
        return String.join(" ", out);
    }

    static String shorten(String s) {
        String t = s.replace("https://w3id.org/partnership-atlas/", "pa:").replace("|", "\\|");
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }

    /**
     * True if the answers are the same with every term compared exactly as sent (datatype, lexical form, language
     * tag), not by value; the order of GROUP_CONCAT parts and of rows still does not count.
     */
    boolean sameTermsAs(Answers other) {
        return exactRows.equals(other.exactRows);
    }

    /** The first row (in sorted order) written differently from the other answer's, both ways; for reports. */
    String firstTermDifference(Answers other) {
        for (int i = 0; i < Math.min(exactRows.size(), other.exactRows.size()); i++) {
            if (!exactRows.get(i).equals(other.exactRows.get(i))) {
                return shorten(exactRows.get(i)) + " where expected " + shorten(other.exactRows.get(i));
            }
        }
        return "";
    }

    /** A term as N-Triples writes it ("-" unbound; blank nodes all alike). */
    static String exact(Node n) {
        return n == null ? "-" : n.isBlank() ? "_:b" : NodeFmtLib.strNT(n);
    }

    static String row(List<Var> vars, Binding b, Map<String, String> unordered, boolean exactTerms) {
        StringBuilder sb = new StringBuilder("{");
        for (Var v : vars) {
            Node n = b.get(v);
            String separator = unordered.get(v.getVarName());
            if (separator != null && n != null && n.isLiteral() && !separator.isEmpty()) {
                List<String> parts =
                        new ArrayList<>(List.of(n.getLiteralLexicalForm().split(Pattern.quote(separator), -1)));
                parts.sort(null);
                n = NodeFactory.createLiteralString(String.join(separator, parts));
            }
            sb.append(sb.length() > 1 ? " " : "")
                    .append(v.getVarName())
                    .append('=')
                    .append(exactTerms ? exact(n) : term(n));
        }
        return sb.append('}').toString();
    }

    /**
     * The variables a query (or one of its subqueries) binds to a {@code GROUP_CONCAT}, with the separator: SPARQL
     * leaves the order of the concatenated values open, so these are compared as the sorted list of their parts.
     */
    static Map<String, String> groupConcats(Query query) {
        Map<String, String> out = new HashMap<>();
        groupConcats(query, out);
        return out;
    }

    private static void groupConcats(Query query, Map<String, String> out) {
        for (Var v : query.getProject().getVars()) {
            Expr e = query.getProject().getExpr(v);
            Aggregator agg = null;
            if (e instanceof ExprAggregator ea) {
                agg = ea.getAggregator();
            } else if (e instanceof ExprVar ev) {
                agg = query.getAggregators().stream()
                        .filter(a -> a.getVar().equals(ev.asVar()))
                        .map(ExprAggregator::getAggregator)
                        .findFirst()
                        .orElse(null);
            }
            String separator = agg instanceof AggGroupConcat gc
                    ? gc.getSeparator()
                    : agg instanceof AggGroupConcatDistinct gcd ? gcd.getSeparator() : null;
            if (agg instanceof AggGroupConcat || agg instanceof AggGroupConcatDistinct) {
                out.put(v.getVarName(), separator == null ? " " : separator);
            }
        }
        if (query.getQueryPattern() != null) {
            ElementWalker.walk(query.getQueryPattern(), new ElementVisitorBase() {
                @Override
                public void visit(ElementSubQuery el) {
                    groupConcats(el.getQuery(), out);
                }
            });
        }
    }

    static String triple(Triple t) {
        return term(t.getSubject()) + " " + term(t.getPredicate()) + " " + term(t.getObject());
    }

    /** The canonical key of a term (see the class comment); "-" for unbound. */
    static String term(Node n) {
        if (n == null) {
            return "-";
        }
        if (n.isURI()) {
            return "<" + n.getURI() + ">";
        }
        if (n.isBlank()) {
            return "_:b";
        }
        if (!n.isLiteral()) {
            return n.toString();
        }
        String lex = n.getLiteralLexicalForm();
        String lang = n.getLiteralLanguage();
        if (lang != null && !lang.isEmpty()) {
            return quote(lex) + "@" + lang.toLowerCase(Locale.ROOT);
        }
        String dt = n.getLiteralDatatypeURI();
        if (dt == null || dt.equals(XSDDatatype.XSDstring.getURI())) {
            return quote(lex);
        }
        NodeValue nv = NodeValue.makeNode(n);
        if (nv.isNumber()) {
            try {
                BigDecimal d = nv.isInteger()
                        ? new BigDecimal(nv.getInteger())
                        : nv.isDecimal() ? nv.getDecimal() : BigDecimal.valueOf(nv.getDouble());
                return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            } catch (RuntimeException e) {
                // NaN or infinite: fall through to the lexical form.
            }
        }
        if (nv.isBoolean()) {
            return Boolean.toString(nv.getBoolean());
        }
        Node canonical = NormalizeRDFTerms.get().normalize(n);
        return quote(canonical.getLiteralLexicalForm()) + "^^<" + dt + ">";
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
