package org.partnershipatlas.loaders.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.partnershipatlas.loaders.csvw.Column;
import org.partnershipatlas.loaders.source.SourceFiles;

/**
 * One generated CSV file, written row by row. Its columns are those of the kind's built-in CSVW mapping, in the
 * mapping's order, so the generator cannot write a column the loader does not know.
 */
final class Table implements Closeable {
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final String fileName;
    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final CSVPrinter printer;
    private long rows;

    private Table(Path dir, String kind) throws IOException {
        this.fileName = kind + ".csv";
        this.columns = SourceFiles.mapping(kind).physicalColumns().stream()
                .map(Column::name)
                .toList();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        this.printer = new CSVPrinter(Files.newBufferedWriter(dir.resolve(fileName), StandardCharsets.UTF_8), FORMAT);
        printer.printRecord(columns);
    }

    /** Creates {@code dir/<kind>.csv} (replacing it) and writes the header row. */
    static Table open(Path dir, String kind) {
        try {
            return new Table(dir, kind);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve(kind + ".csv"), e);
        }
    }

    String fileName() {
        return fileName;
    }

    /** Rows written so far, not counting the header. */
    long rows() {
        return rows;
    }

    /** Starts a row; unset cells are empty. */
    Row row() {
        return new Row();
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + fileName, e);
        }
    }

    /** A row being filled in. */
    final class Row {
        private final String[] values = new String[columns.size()];

        private Row() {
            Arrays.fill(values, "");
        }

        Row set(String column, String value) {
            Integer i = index.get(column);
            if (i == null) {
                throw new IllegalArgumentException(fileName + " has no column " + column);
            }
            values[i] = value == null ? "" : value;
            return this;
        }

        /** A multi-valued cell, ';'-separated as the mappings declare. */
        Row set(String column, List<String> values) {
            return set(column, String.join(";", values));
        }

        void write() {
            try {
                printer.printRecord((Object[]) values);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + fileName, e);
            }
            rows++;
        }
    }
}
