package org.partnershipatlas.loaders.generate;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link Generator#run()} wrote.
 *
 * @param out the output folder
 * @param rows rows written per CSV file (header not counted), in the order the files are listed
 * @param schemeFiles how many scheme files were copied into {@code out/schemes/}
 * @param bytes the size of everything written
 */
public record GenerateReport(Path out, Map<String, Long> rows, int schemeFiles, long bytes) {
    public GenerateReport {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    /** All rows of all CSV files. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line: the files and rows per file. */
    public String summary() {
        String perFile = rows.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "Wrote %d CSV files (%,d rows: %s) and %d scheme files, %,d bytes, to %s",
                rows.size(),
                totalRows(),
                perFile,
                schemeFiles,
                bytes,
                out);
    }
}
