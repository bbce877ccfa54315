package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.jena.graph.Graph;

/**
 * Resources that are not in the store but described per request (the dataset and its catalogue), which
 * {@code /doc/} serves like stored ones, never cached. Another feature adds them while the server is built.
 */
public final class GeneratedDocuments {
    private final Map<String, Function<HttpServletRequest, Graph>> byIri = new ConcurrentHashMap<>();

    /** Serves {@code iri}'s document at its {@code /doc/} path, described for each request by {@code description}. */
    public GeneratedDocuments add(String iri, Function<HttpServletRequest, Graph> description) {
        byIri.put(Objects.requireNonNull(iri, "iri"), Objects.requireNonNull(description, "description"));
        return this;
    }

    /** How to describe {@code iri}, or null if it is not generated. */
    Function<HttpServletRequest, Graph> get(String iri) {
        return byIri.get(iri);
    }
}
