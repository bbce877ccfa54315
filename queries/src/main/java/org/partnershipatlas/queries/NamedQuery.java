package org.partnershipatlas.queries;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.query.Query;

/**
 * A named query from the library.
 *
 * @param name the file name without {@code .rq}, e.g. {@code partnership-map}
 * @param summary one line saying what it answers
 * @param description a longer explanation, or empty
 * @param tags grouping tags, possibly empty
 * @param params its parameters, in order of first use
 * @param defaults values used for optional parameters that are not given (grlc's {@code defaults})
 * @param enumerate names of parameters whose possible values should be offered to users
 * @param text the query text as in the file (header included; it is SPARQL comments)
 * @param query the parsed query, parameters unbound
 */
public record NamedQuery(
        String name,
        String summary,
        String description,
        List<String> tags,
        List<Param> params,
        Map<String, String> defaults,
        List<String> enumerate,
        String text,
        Query query) {

    public Optional<Param> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    /** The example bindings from the header, by parameter name. */
    public Map<String, String> examples() {
        Map<String, String> examples = new java.util.LinkedHashMap<>();
        params.stream().filter(p -> p.example() != null).forEach(p -> examples.put(p.name(), p.example()));
        return examples;
    }

    /** True for CONSTRUCT and DESCRIBE queries, whose answers are RDF graphs. */
    public boolean returnsGraph() {
        return query.isConstructType() || query.isDescribeType();
    }
}
