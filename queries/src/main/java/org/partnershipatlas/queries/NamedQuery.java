package org.partnershipatlas.queries;

import java.util.List;
import org.apache.jena.query.Query;

/**
 * A named query from the library.
 *
 * @param name the file name without {@code .rq}, e.g. {@code partnerships-per-locality}
 * @param summary one line saying what it answers
 * @param description a longer explanation, or empty
 * @param tags grouping tags, possibly empty
 * @param text the query text as in the file (header included; it is SPARQL comments)
 * @param query the parsed query
 */
public record NamedQuery(
        String name, String summary, String description, List<String> tags, String text, Query query) {}
