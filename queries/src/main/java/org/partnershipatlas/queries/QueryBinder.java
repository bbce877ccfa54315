package org.partnershipatlas.queries;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Binds parameter values to a named query, as RDF terms substituted into the parsed query, never as text pasted
 * into the query string: a value can only ever become one IRI or one literal.
 *
 * <pre>
 *   Query q = new QueryBinder(AtlasIris.DEFAULT).bind(catalogue.require("partnership-map"),
 *           Map.of("locality", "id/locality/newham"));
 * </pre>
 *
 * IRI values may be absolute, or relative to the Atlas base ({@code id/locality/newham}). {@code limit} and
 * {@code offset} are reserved: they set the query's LIMIT and OFFSET.
 */
public final class QueryBinder {
    public static final String LIMIT = "limit";
    public static final String OFFSET = "offset";
    /** The most rows a caller may ask for with {@code limit}. */
    public static final long MAX_LIMIT = 100_000;

    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~/-]*");

    private final AtlasIris iris;

    public QueryBinder(AtlasIris iris) {
        this.iris = iris;
    }

    /** A copy of the query with the values substituted; throws {@link BadParameterException} naming the bad one. */
    public Query bind(NamedQuery query, Map<String, String> values) {
        Map<Var, Node> substitutions = new HashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey();
            if (name.equals(LIMIT) || name.equals(OFFSET)) {
                continue;
            }
            Param param = query.param(name)
                    .orElseThrow(() -> new BadParameterException(
                            name, "this query has no such parameter; it takes " + describe(query.params())));
            substitutions.put(param.variable(), term(param, e.getValue()));
        }
        for (Param p : query.params()) {
            String fallback = query.defaults().get(p.name());
            if (!substitutions.containsKey(p.variable()) && fallback != null) {
                substitutions.put(p.variable(), term(p, fallback));
            }
            if (p.required() && !substitutions.containsKey(p.variable())) {
                throw new BadParameterException(p.name(), "required (" + p.typeName() + "), e.g. " + p.example());
            }
        }
        Query bound = substitutions.isEmpty()
                ? query.query().cloneQuery()
                : QueryTransformOps.replaceVars(query.query(), substitutions);
        if (values.containsKey(LIMIT)) {
            long limit = nonNegative(LIMIT, values.get(LIMIT));
            if (limit > MAX_LIMIT) {
                throw new BadParameterException(LIMIT, "at most " + MAX_LIMIT);
            }
            bound.setLimit(bound.hasLimit() ? Math.min(bound.getLimit(), limit) : limit);
        }
        if (values.containsKey(OFFSET)) {
            bound.setOffset(nonNegative(OFFSET, values.get(OFFSET)));
        }
        return bound;
    }

    /** The RDF term for a value: an IRI checked as an IRI, or a literal of the parameter's datatype. */
    Node term(Param param, String value) {
        if (value == null || value.isBlank()) {
            throw new BadParameterException(param.name(), "empty; expected " + article(param.typeName()));
        }
        if (param.kind() == Param.Kind.IRI) {
            return NodeFactory.createURI(iri(param, value.strip()));
        }
        if (!param.datatype().isValid(value)) {
            throw new BadParameterException(param.name(), "'" + value + "' is not a valid " + param.typeName());
        }
        return NodeFactory.createLiteralDT(value, param.datatype());
    }

    private String iri(Param param, String value) {
        String absolute = RELATIVE_PATH.matcher(value).matches() && !value.contains(":") ? iris.base() + value : value;
        try {
            IRIx iri = IRIx.create(absolute);
            if (!(iri.hasScheme("http") || iri.hasScheme("https") || iri.hasScheme("urn")) || iri.hasViolations()) {
                throw new BadParameterException(param.name(), "'" + value + "' is not an absolute http(s) IRI");
            }
            return iri.str();
        } catch (IRIException e) {
            throw new BadParameterException(param.name(), "'" + value + "' is not a valid IRI: " + e.getMessage());
        }
    }

    private static long nonNegative(String name, String value) {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "'" + value + "' is not a whole number of zero or more");
        }
    }

    private static String describe(List<Param> params) {
        if (params.isEmpty()) {
            return "no parameters";
        }
        return String.join(", ", params.stream().map(Param::name).toList());
    }

    private static String article(String typeName) {
        return typeName.equals("IRI") ? "an IRI" : "a value of type " + typeName;
    }
}
