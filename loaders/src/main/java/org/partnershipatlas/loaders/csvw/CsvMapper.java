package org.partnershipatlas.loaders.csvw;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.partnershipatlas.loaders.LoadException;
import org.partnershipatlas.loaders.LoadProblem;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Maps a CSV file to RDF by its {@link TableSchema}, one row at a time, adding each row's triples to a graph.
 * Reads CSV as publishers export it: UTF-8 with or without a byte-order mark, LF or CRLF, RFC 4180 quoting.
 * Any bad record stops the mapping with a {@link LoadException} naming the file, line, column and expectation.
 *
 * <pre>
 *   long rows = new CsvMapper(schema, AtlasIris.DEFAULT).map(path, "partnerships.csv", graph);
 * </pre>
 */
public final class CsvMapper {
    private static final Pattern HAS_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
    private final TableSchema schema;
    private final AtlasIris iris;

    private LongConsumer progress = position -> {};

    public CsvMapper(TableSchema schema, AtlasIris iris) {
        this.schema = schema;
        this.iris = iris;
    }

    /** Tells {@code progress} how far into the file (in characters) mapping has got, every few thousand rows. */
    public CsvMapper onProgress(LongConsumer progress) {
        this.progress = progress;
        return this;
    }

    /** Maps every row of {@code file} into {@code target}; returns the number of rows. */
    public long map(Path file, String displayName, Graph target) {
        return scan(file, displayName, (row, line) -> {
            Node subject = subject(row, line, displayName);
            if (target.contains(subject, Node.ANY, Node.ANY)) {
                throw problem(
                        displayName,
                        line,
                        String.join(", ", schema.primaryKey()),
                        "a unique identifier; " + subject.getURI() + " is already defined by an earlier row",
                        null);
            }
            emitRow(row, line, displayName, subject, target);
        });
    }

    /**
     * The lines of the records whose subjects are among {@code subjects}: one pass over the file, used only when
     * there are problems to report, so that mapping itself keeps no per-row state.
     */
    public Map<Node, Long> linesOf(Path file, Set<Node> subjects) {
        Map<Node, Long> lines = new HashMap<>();
        try {
            scan(file, file.getFileName().toString(), (row, line) -> {
                Node subject = subject(row, line, "");
                if (subjects.contains(subject)) {
                    lines.putIfAbsent(subject, line);
                }
            });
        } catch (LoadException e) {
            // The file mapped moments ago; it can only fail now if it changed since. Report what was found.
        }
        return lines;
    }

    private interface RowHandler {
        void handle(Map<String, String> row, long line);
    }

    private long scan(Path file, String displayName, RowHandler handler) {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .get();
        long rows = 0;
        long line = 1;
        try (InputStream in = BOMInputStream.builder()
                        .setInputStream(Files.newInputStream(file))
                        .get();
                Reader reader = new InputStreamReader(
                        in,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT));
                CSVParser parser =
                        CSVParser.builder().setReader(reader).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            checkHeader(header, displayName);
            var records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw problem(
                            displayName,
                            parser.getCurrentLineNumber(),
                            null,
                            "well-formed CSV (RFC 4180): " + rootMessage(e),
                            null);
                }
                if ((rows & 4095) == 0) {
                    progress.accept(record.getCharacterPosition());
                }
                // Commons CSV counts the line at the end of the record; a record spans from the line after the last.
                long recordLine = line + 1;
                line = parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    throw problem(
                            displayName,
                            recordLine,
                            null,
                            "a record of " + header.size() + " fields like the header",
                            record.size() + " fields");
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    String value = record.get(i).strip();
                    row.put(header.get(i).strip(), value.isEmpty() ? null : value);
                }
                rows++;
                handler.handle(row, recordLine);
            }
        } catch (CharacterCodingException e) {
            throw new LoadException(
                    LoadProblem.ofFile(displayName, "UTF-8 text; the file has bytes that are not UTF-8"), e);
        } catch (IOException | UncheckedIOException e) {
            if (rootCause(e) instanceof CharacterCodingException) {
                throw new LoadException(
                        new LoadProblem(
                                displayName,
                                line + 1,
                                null,
                                null,
                                "UTF-8 text; the file has bytes that are not UTF-8",
                                null),
                        e);
            }
            throw new LoadException(LoadProblem.ofFile(displayName, "a readable CSV file: " + rootMessage(e)), e);
        } catch (IllegalArgumentException e) {
            throw new LoadException(LoadProblem.ofFile(displayName, "a CSV header row: " + e.getMessage()), e);
        }
        return rows;
    }

    private void checkHeader(List<String> header, String file) {
        List<String> names = header.stream().map(String::strip).toList();
        List<String> expected =
                schema.physicalColumns().stream().map(Column::name).toList();
        List<String> unknown = new ArrayList<>(names);
        unknown.removeAll(expected);
        if (!unknown.isEmpty()) {
            throw problem(file, 1, unknown.get(0), "a column of " + String.join(", ", expected), null);
        }
        for (Column c : schema.physicalColumns()) {
            if (c.required() && !names.contains(c.name())) {
                throw problem(file, 1, c.name(), "a required column, missing from the header", null);
            }
        }
    }

    private Node subject(Map<String, String> row, long line, String file) {
        return NodeFactory.createURI(resolve(schema.aboutUrl(), null, null, row, line, file));
    }

    private void emitRow(Map<String, String> row, long line, String file, Node subject, Graph target) {
        for (Column column : schema.columns()) {
            String value = column.virtual() ? null : row.get(column.name());
            if (value == null) {
                value = column.defaultValue();
            }
            if (value == null) {
                if (column.required()) {
                    throw problem(file, line, column.name(), "a value (the column is required)", null);
                }
                if (!column.virtual() || column.valueUrl() == null) {
                    continue;
                }
            }
            if (column.suppressOutput()) {
                if (value != null) {
                    check(column, value, line, file);
                }
                continue;
            }
            Node predicate = NodeFactory.createURI(column.propertyUrl());
            for (String cell : cells(column, value)) {
                Node object = column.valueUrl() != null
                        ? NodeFactory.createURI(resolve(column.valueUrl(), column, cell, row, line, file))
                        : column.datatype().literal(check(column, cell, line, file), column.lang());
                target.add(Triple.create(subject, predicate, object));
            }
        }
    }

    private static List<String> cells(Column column, String value) {
        if (value == null) {
            return List.of("");
        }
        if (column.separator() == null) {
            return List.of(value);
        }
        List<String> cells = new ArrayList<>();
        for (String part : value.split(Pattern.quote(column.separator()))) {
            if (!part.isBlank()) {
                cells.add(part.strip());
            }
        }
        return cells;
    }

    private String check(Column column, String value, long line, String file) {
        try {
            return column.datatype().check(value);
        } catch (CellException e) {
            throw problem(file, line, column.name(), e.expected(), value);
        }
    }

    /**
     * Expands a template for a row. Values in simple expansions must be slugs; a value in a reserved expansion
     * must make an absolute http(s) IRI. The column's own cell (for multi-valued columns) replaces its row value.
     */
    private String resolve(
            UriTemplate template, Column self, String cell, Map<String, String> row, long line, String file) {
        String expanded = template.expand(variable -> {
            String value = self != null && variable.equals(self.name()) ? cell : row.get(variable);
            if (value == null) {
                throw problem(file, line, variable, "a value (it is part of an identifier)", null);
            }
            Column column = schema.column(variable).orElseThrow();
            check(column, value, line, file);
            if (!template.isReserved(variable)) {
                if (!AtlasIris.isSlug(value)) {
                    throw problem(
                            file, line, variable, "an identifier made of letters, digits, '-', '.' or '_'", value);
                }
            }
            return value;
        });
        if (HAS_SCHEME.matcher(expanded).lookingAt()) {
            try {
                CellDatatype.checkAbsoluteHttp(expanded);
            } catch (CellException e) {
                throw problem(file, line, self == null ? null : self.name(), e.expected(), expanded);
            }
            return expanded;
        }
        return iris.base() + expanded;
    }

    private static LoadException problem(String file, long line, String field, String expected, String found) {
        return new LoadException(new LoadProblem(file, line, null, field, expected, found));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = rootCause(e);
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
