package org.partnershipatlas.loaders.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.partnershipatlas.loaders.LoadException;
import org.partnershipatlas.loaders.LoadProblem;
import org.partnershipatlas.loaders.csvw.TableSchema;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Turns the paths a user gives (files or directories) into {@link SourceFile}s. A CSV file's kind is the last
 * dot-separated part of its name ({@code partnerships.csv}, {@code newham.partnerships.csv}), unless a CSVW
 * metadata file sits next to it ({@code partnerships.csv-metadata.json}).
 */
public final class SourceFiles {
    /** The CSV kinds with a built-in mapping, each in {@code mappings/<kind>.csv-metadata.json}. */
    public static final List<String> KINDS =
            List.of("localities", "organisations", "partnerships", "memberships", "guidance", "resources", "cases");

    static final String MAPPINGS = "org/partnershipatlas/loaders/mappings/";

    private SourceFiles() {}

    /** Expands directories (recursively, in name order) and classifies every file. */
    public static List<SourceFile> discover(List<Path> paths) {
        List<SourceFile> files = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        for (Path path : paths) {
            for (Path file : expand(path)) {
                SourceFile source = classify(file);
                String earlier = ids.putIfAbsent(source.sourceId(), source.displayName());
                if (earlier != null) {
                    throw new LoadException(LoadProblem.ofFile(
                            source.displayName(),
                            "a file name not used by another source in the same load; " + earlier
                                    + " also maps to graph '" + source.sourceId() + "'"));
                }
                files.add(source);
            }
        }
        return files;
    }

    /** The built-in table schema for a CSV kind. */
    public static TableSchema mapping(String kind) {
        String resource = MAPPINGS + kind + ".csv-metadata.json";
        try (InputStream in = SourceFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No built-in mapping for kind " + kind);
            }
            return TableSchema.read(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> expand(Path path) {
        if (!Files.exists(path)) {
            throw new LoadException(LoadProblem.ofFile(path.toString(), "an existing file or directory"));
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> isCsv(p) || rdfLang(p) != null)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new LoadException(LoadProblem.ofFile(path.toString(), "a readable directory: " + e.getMessage()), e);
        }
    }

    private static SourceFile classify(Path file) {
        String display = file.toString();
        if (!Files.isReadable(file)) {
            throw new LoadException(LoadProblem.ofFile(display, "a readable file"));
        }
        String name = file.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String sourceId = stem.toLowerCase(Locale.ROOT);
        if (!AtlasIris.isSlug(sourceId)) {
            throw new LoadException(LoadProblem.ofFile(
                    display, "a file name made of letters, digits, '-', '.' or '_' (it names the source's graph)"));
        }
        if (isCsv(file)) {
            return new SourceFile(file, display, sourceId, schemaFor(file, display, stem), null);
        }
        Lang lang = rdfLang(file);
        if (lang == null) {
            throw new LoadException(
                    LoadProblem.ofFile(display, "a .csv file or an RDF file (.ttl, .nt, .rdf, .owl, .jsonld)"));
        }
        return new SourceFile(file, display, sourceId, null, lang);
    }

    private static TableSchema schemaFor(Path file, String display, String stem) {
        Path metadata = file.resolveSibling(file.getFileName() + "-metadata.json");
        if (Files.exists(metadata)) {
            try (InputStream in = Files.newInputStream(metadata)) {
                return TableSchema.read(in, metadata.toString());
            } catch (IOException e) {
                throw new LoadException(LoadProblem.ofFile(metadata.toString(), "readable CSVW metadata"), e);
            } catch (IllegalArgumentException e) {
                throw new LoadException(
                        LoadProblem.ofFile(metadata.toString(), "valid CSVW metadata: " + e.getMessage()), e);
            }
        }
        String kind = stem.contains(".") ? stem.substring(stem.lastIndexOf('.') + 1) : stem;
        kind = kind.toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new LoadException(LoadProblem.ofFile(
                    display,
                    "a CSV file named after its kind (" + String.join(", ", KINDS)
                            + "), e.g. partnerships.csv or newham.partnerships.csv, or with CSVW metadata next to it ("
                            + file.getFileName() + "-metadata.json)"));
        }
        return mapping(kind);
    }

    private static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /**
     * The RDF syntax for a file name, for triple syntaxes only (each file becomes one graph). JSON-LD is registered
     * as both a triple and a quad syntax; it is read as triples, and {@link RdfReader} refuses named graphs in it.
     */
    private static Lang rdfLang(Path file) {
        Lang lang = RDFLanguages.filenameToLang(file.getFileName().toString());
        if (lang == null || lang.equals(Lang.CSV)) {
            return null;
        }
        if (RDFLanguages.sameLang(lang, Lang.JSONLD)) {
            return lang;
        }
        return RDFLanguages.isTriples(lang) && !RDFLanguages.isQuads(lang) ? lang : null;
    }
}
