package org.partnershipatlas.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;

/**
 * The library of named queries, read once from the classpath folder {@code org/partnershipatlas/queries/} (from
 * a directory or from inside a jar). A query that does not parse, or has no summary, fails here, at start-up.
 *
 * <pre>
 *   QueryCatalogue catalogue = QueryCatalogue.load();
 *   NamedQuery q = catalogue.get("partnerships-per-locality").orElseThrow();
 * </pre>
 */
public final class QueryCatalogue {
    static final String FOLDER = "org/partnershipatlas/queries";

    private final Map<String, NamedQuery> queries;

    private QueryCatalogue(Map<String, NamedQuery> queries) {
        this.queries = Map.copyOf(queries);
    }

    /** Reads every {@code .rq} file of the library. */
    public static QueryCatalogue load() {
        return load("");
    }

    /**
     * The plain forms of the queries that read precomputed graphs ({@code plain/}): the same questions, with the
     * same parameters and answers, asked of the data alone. The tests check that both agree; they also serve a
     * store or endpoint without the precomputed graphs.
     */
    public static QueryCatalogue plain() {
        return load("plain/");
    }

    private static QueryCatalogue load(String subfolder) {
        // Locate the folder through this class's own file, so that a same-named folder elsewhere on the
        // classpath (such as the test classes) cannot shadow it.
        URL url = QueryCatalogue.class.getResource("QueryCatalogue.class");
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = jarFileSystem(uri)) {
                    return new QueryCatalogue(readAll(fs.getPath("/" + FOLDER + "/" + subfolder)));
                }
            }
            return new QueryCatalogue(readAll(Path.of(uri).getParent().resolve(subfolder)));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // Another reader has it open; take a fresh view of the same jar.
            String jar = uri.getSchemeSpecificPart()
                    .substring(0, uri.getSchemeSpecificPart().indexOf("!/"));
            return FileSystems.newFileSystem(Path.of(URI.create(jar)));
        }
    }

    private static Map<String, NamedQuery> readAll(Path folder) throws IOException {
        Map<String, NamedQuery> queries = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".rq"))
                    .toList()) {
                String fileName = file.getFileName().toString();
                NamedQuery q = read(
                        fileName.substring(0, fileName.length() - 3), Files.readString(file, StandardCharsets.UTF_8));
                queries.put(q.name(), q);
            }
        }
        return queries;
    }

    /** Parses one query file's text; {@code name} is its file name without {@code .rq}. */
    static NamedQuery read(String name, String text) {
        try {
            QueryHeader header = QueryHeader.parse(text);
            String summary = header.string("summary");
            if (summary == null) {
                throw new IllegalArgumentException("the header needs '#+ summary: ...'");
            }
            Query query = QueryFactory.create(text, Syntax.syntaxSPARQL_11);
            Map<String, String> examples = header.map("examples");
            List<Param> params = params(text, examples);
            for (String example : examples.keySet()) {
                if (params.stream().noneMatch(p -> p.name().equals(example))) {
                    throw new IllegalArgumentException("example for unknown parameter '" + example + "'");
                }
            }
            for (Param p : params) {
                if (p.example() == null) {
                    throw new IllegalArgumentException(
                            "parameter '" + p.name() + "' needs an example under '#+ examples:'");
                }
            }
            Map<String, String> defaults = header.map("defaults");
            for (String d : defaults.keySet()) {
                Param p = params.stream()
                        .filter(x -> x.name().equals(d))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("default for unknown parameter '" + d + "'"));
                if (p.required()) {
                    throw new IllegalArgumentException(
                            "parameter '" + d + "' is required (?_" + d + "...), so a default would never apply");
                }
            }
            List<String> enumerate = header.list("enumerate");
            for (String e : enumerate) {
                if (params.stream().noneMatch(p -> p.name().equals(e))) {
                    throw new IllegalArgumentException("enumerate names unknown parameter '" + e + "'");
                }
            }
            String method = header.string("method");
            if (method != null && !method.equals("GET")) {
                throw new IllegalArgumentException("only 'method: GET' is supported, not " + method);
            }
            return new NamedQuery(
                    name,
                    summary,
                    header.string("description") == null ? "" : header.string("description"),
                    header.list("tags"),
                    params,
                    defaults,
                    enumerate,
                    text,
                    query);
        } catch (QueryParseException | IllegalArgumentException e) {
            throw new IllegalStateException(name + ".rq: " + e.getMessage(), e);
        }
    }

    /** The BASIL parameters of the query body, in order of first use (comment lines are skipped). */
    private static List<Param> params(String text, Map<String, String> examples) {
        Map<String, Param> params = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            Matcher m = Param.VARIABLE.matcher(line);
            while (m.find()) {
                String varName = m.group(1) + m.group(2);
                Param p = Param.fromVariable(varName, null);
                Param withExample = Param.fromVariable(varName, examples.get(p.name()));
                Param earlier = params.putIfAbsent(p.name(), withExample);
                if (earlier != null && !earlier.variable().equals(p.variable())) {
                    throw new IllegalArgumentException("parameter '" + p.name() + "' is used as both ?"
                            + earlier.variable().getVarName() + " and ?" + varName);
                }
            }
        }
        return List.copyOf(params.values());
    }

    /** All queries, ordered by name. */
    public Collection<NamedQuery> list() {
        return new TreeMap<>(queries).values();
    }

    public Optional<NamedQuery> get(String name) {
        return Optional.ofNullable(queries.get(name));
    }

    /** The query of that name, or {@link UnknownQueryException}. */
    public NamedQuery require(String name) {
        return get(name).orElseThrow(() -> new UnknownQueryException(name));
    }
}
