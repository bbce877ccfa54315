package org.partnershipatlas.loaders.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;
import org.partnershipatlas.loaders.LoadException;
import org.partnershipatlas.loaders.LoadProblem;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.SafeParsing;

/**
 * Reads an RDF file as it is into a graph, streaming, with its blank nodes replaced by stable skolem IRIs
 * ({@link Skolemiser}). Relative IRIs resolve against the canonical base, so
 * sources such as the concept schemes follow the configured base. Any syntax error, and any warning (such as an
 * ill-formed literal or a bad IRI), stops the load with the file, line and column. Parsing never fetches another
 * document ({@link SafeParsing}).
 */
public final class RdfReader {
    private RdfReader() {}

    /** Parses {@code source} into {@code target}; returns the number of triples read. */
    public static long read(SourceFile source, String base, Graph target) {
        long[] count = {0};
        Strict strict = new Strict(source.displayName());
        Skolemiser skolem = new Skolemiser(new AtlasIris(base), source.sourceId());
        var sink = new StreamRDFWrapper(StreamRDFLib.graph(target)) {
            @Override
            public void triple(Triple triple) {
                count[0]++;
                super.triple(skolem.apply(triple));
            }

            @Override
            public void quad(Quad quad) {
                // JSON-LD can hold named graphs; the graph sink would drop them with only a log warning.
                if (!quad.isTriple() && !quad.isDefaultGraph()) {
                    throw strict.first(new LoadException(new LoadProblem(
                            source.displayName(),
                            0,
                            quad.getGraph().isURI() ? quad.getGraph().getURI() : null,
                            null,
                            "triples only: each source file is loaded into a graph of its own, so it may not hold"
                                    + " named graphs",
                            null)));
                }
                triple(quad.asTriple());
            }
        };
        try (InputStream in = SafeParsing.markable(Files.newInputStream(source.path()))) {
            if (source.lang().equals(Lang.RDFXML)) {
                SafeParsing.checkXmlProlog(in);
            }
            SafeParsing.apply(RDFParser.source(in))
                    .lang(source.lang())
                    .base(base)
                    // Jena checks IRIs and literals by default for every syntax but N-Triples; without this, relative
                    // IRIs and ill-formed literals such as "2001-13-45"^^xsd:date in a .nt file went into the store.
                    .checking(true)
                    .errorHandler(strict)
                    .parse(sink);
        } catch (LoadException e) {
            throw strict.first(e);
        } catch (IOException e) {
            throw new LoadException(LoadProblem.ofFile(source.displayName(), "a readable file"), e);
        } catch (SafeParsing.UnsafeDocumentException e) {
            throw new LoadException(LoadProblem.ofFile(source.displayName(), "safe RDF/XML: " + e.getMessage()), e);
        } catch (RiotException e) {
            if (strict.first != null) {
                throw strict.first;
            }
            throw new LoadException(
                    LoadProblem.ofFile(
                            source.displayName(), "valid " + source.lang().getLabel() + ": " + e.getMessage()),
                    e);
        } catch (StackOverflowError e) {
            // Jena's Turtle parser and Titanium (JSON-LD) recurse once per level of nesting, so a document of many
            // thousands of nested blank nodes or lists exhausts the stack. The stack has unwound by now, and the
            // caller aborts the write transaction, so the load fails like any other bad input.
            throw new LoadException(
                    LoadProblem.ofFile(
                            source.displayName(),
                            "RDF nested at most a few thousand levels deep; here blank nodes [ ], lists ( ) or"
                                    + " JSON objects are nested inside each other too deeply to read"),
                    e);
        }
        return count[0];
    }

    /**
     * Turns every parser warning and error into a {@link LoadException} that says where. Remembers the first: the
     * JSON-LD reader catches what it is thrown and reports only the message to the handler again, which would name
     * the file twice and lose the line.
     */
    private static final class Strict implements ErrorHandler {
        private final String file;
        private LoadException first;

        Strict(String file) {
            this.file = file;
        }

        LoadException first(LoadException e) {
            if (first == null) {
                first = e;
            }
            return first;
        }

        @Override
        public void warning(String message, long line, long col) {
            throw fail(message, line, col);
        }

        @Override
        public void error(String message, long line, long col) {
            throw fail(message, line, col);
        }

        @Override
        public void fatal(String message, long line, long col) {
            throw fail(message, line, col);
        }

        private LoadException fail(String message, long line, long col) {
            String where = col > 0 ? " (column " + col + ")" : "";
            return first(new LoadException(
                    new LoadProblem(file, Math.max(line, 0), null, null, "valid RDF" + where + ": " + message, null)));
        }
    }
}
