package org.partnershipatlas.endpoint.ld;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.partnershipatlas.ontology.AtlasOntology;

/**
 * Writes a graph in one of the RDF formats. JSON-LD is compacted with the Atlas context (so keys are plain words
 * such as {@code label} and {@code locality}) and refers to the context by its published URL.
 */
public final class RdfOutput {
    private static final JsonDocument CONTEXT = parseContext();

    private RdfOutput() {}

    private static JsonDocument parseContext() {
        try {
            return JsonDocument.of(new StringReader(AtlasOntology.jsonLdContext()));
        } catch (JsonLdError e) {
            throw new IllegalStateException("The Atlas JSON-LD context does not parse", e);
        }
    }

    /** Writes {@code graph} to {@code out}; {@code contextUrl} is where the JSON-LD context is published. */
    public static void write(Graph graph, RdfFormat format, String contextUrl, OutputStream out) throws IOException {
        if (format == RdfFormat.JSONLD) {
            writeJsonLd(graph, contextUrl, out);
            return;
        }
        graph.getPrefixMapping().setNsPrefixes(AtlasOntology.prefixes());
        RDFDataMgr.write(out, graph, format.lang());
    }

    private static void writeJsonLd(Graph graph, String contextUrl, OutputStream out) throws IOException {
        ByteArrayOutputStream expanded = new ByteArrayOutputStream();
        RDFDataMgr.write(expanded, graph, RDFFormat.JSONLD11_FLAT);
        try {
            JsonObject compacted = JsonLd.compact(
                            JsonDocument.of(new StringReader(expanded.toString(StandardCharsets.UTF_8))), CONTEXT)
                    .get();
            JsonObject published = Json.createObjectBuilder(compacted)
                    .add("@context", contextUrl)
                    .build();
            JsonWriterFactory factory = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
            try (JsonWriter writer = factory.createWriter(out, StandardCharsets.UTF_8)) {
                writer.writeObject(published);
            }
        } catch (JsonLdError e) {
            throw new IOException("JSON-LD compaction failed: " + e.getMessage(), e);
        }
    }
}
