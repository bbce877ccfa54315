package org.partnershipatlas.endpoint.ld;

import org.partnershipatlas.endpoint.web.RenderedCache;
import org.partnershipatlas.queries.DataStamp;

/**
 * Everything the bytes of a resource document depend on: the data, the resource, the format, and {@code base}: the
 * JSON-LD context URL for JSON-LD, the context path for HTML links, empty for the other formats.
 */
record DocKey(DataStamp stamp, String iri, RdfFormat format, String base) implements RenderedCache.Key {
    @Override
    public String name() {
        return iri + " " + format.suffix() + " " + base;
    }
}
