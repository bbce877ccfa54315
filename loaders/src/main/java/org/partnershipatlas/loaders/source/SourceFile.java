package org.partnershipatlas.loaders.source;

import java.nio.file.Path;
import org.apache.jena.riot.Lang;
import org.partnershipatlas.loaders.csvw.TableSchema;

/**
 * A file to load, and how.
 *
 * @param path where it is
 * @param displayName how messages name it (the path as the user gave it)
 * @param sourceId the slug naming its graph, {@code {base}graph/{sourceId}}
 * @param schema the CSVW table schema for a CSV file, else null
 * @param lang the RDF syntax of an RDF file, else null
 */
public record SourceFile(Path path, String displayName, String sourceId, TableSchema schema, Lang lang) {
    public boolean isCsv() {
        return schema != null;
    }

    /** The media type of the file, for provenance. */
    public String mediaType() {
        return isCsv() ? "text/csv" : lang.getHeaderString();
    }
}
