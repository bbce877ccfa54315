package org.partnershipatlas.ontology;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.jena.riot.RDFParserBuilder;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.sparql.util.Context;

/**
 * Parser settings for RDF that comes from outside (source files, HTTP bodies): nothing in a document may make the
 * Atlas fetch another document.
 *
 * <pre>
 *   RDFParser.source(path).lang(lang).context(SafeParsing.context()).parse(graph);
 *   SafeParsing.checkXmlProlog(in);   // before parsing RDF/XML
 * </pre>
 *
 * JSON-LD: Titanium would fetch a remote {@code @context} or {@code @import}; here its document loader refuses
 * every URL. RDF/XML: the JDK's StAX parser already caps entity expansion (billion laughs) and Jena does not
 * resolve external entities or DTDs, but it quietly ignores them; a document that declares either is refused with a
 * clear message instead.
 */
public final class SafeParsing {
    /** How much of an XML document is searched for a DOCTYPE before the first element. */
    static final int PROLOG_LIMIT = 64 * 1024;

    private static final Pattern EXTERNAL_DTD =
            Pattern.compile("<!DOCTYPE\\s+[^\\s\\[>]+\\s+(SYSTEM|PUBLIC)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTERNAL_ENTITY =
            Pattern.compile("<!ENTITY\\s+(%\\s+)?[^\\s>]+\\s+(SYSTEM|PUBLIC)\\b", Pattern.CASE_INSENSITIVE);

    private SafeParsing() {}

    /** A parser context whose JSON-LD processor never loads a remote document. Fresh on each call. */
    public static Context context() {
        JsonLdOptions options = new JsonLdOptions();
        options.setDocumentLoader((url, loaderOptions) -> {
            throw new JsonLdError(
                    JsonLdErrorCode.LOADING_DOCUMENT_FAILED,
                    "remote JSON-LD documents are not fetched (" + url + "); put the context inline");
        });
        Context context = new Context();
        context.set(LangJSONLD11.JSONLD_OPTIONS, options);
        return context;
    }

    /** Applies {@link #context()} to a parser. */
    public static RDFParserBuilder apply(RDFParserBuilder parser) {
        return parser.context(context());
    }

    /**
     * Refuses an XML document whose DOCTYPE names an external DTD or declares an external entity. Reads (and resets to) the start of the
     * stream, which must support mark/reset (wrap it with {@link #markable}).
     *
     * @throws UnsafeDocumentException naming the construct refused
     */
    public static void checkXmlProlog(InputStream in) throws IOException {
        in.mark(PROLOG_LIMIT);
        byte[] head = in.readNBytes(PROLOG_LIMIT);
        in.reset();
        String text = new String(head, StandardCharsets.UTF_8);
        int doctype = text.toUpperCase(Locale.ROOT).indexOf("<!DOCTYPE");
        if (doctype < 0) {
            return;
        }
        if (EXTERNAL_DTD.matcher(text.substring(doctype)).lookingAt()) {
            throw new UnsafeDocumentException(
                    "the DOCTYPE names an external DTD (SYSTEM or PUBLIC); external DTDs are not allowed");
        }
        if (EXTERNAL_ENTITY.matcher(text.substring(doctype)).find()) {
            throw new UnsafeDocumentException(
                    "the DOCTYPE declares an external entity (SYSTEM or PUBLIC); external entities are not allowed");
        }
    }

    /** The stream, able to mark and reset for {@link #checkXmlProlog}. */
    public static InputStream markable(InputStream in) {
        return in.markSupported() ? in : new BufferedInputStream(in, PROLOG_LIMIT + 1);
    }

    /** A document that asks for something the Atlas will not do while parsing. */
    public static final class UnsafeDocumentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnsafeDocumentException(String message) {
            super(message);
        }
    }
}
