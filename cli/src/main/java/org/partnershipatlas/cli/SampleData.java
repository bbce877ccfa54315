package org.partnershipatlas.cli;

import java.nio.file.Path;

/** Where the bundled sample sources are: {@code $ATLAS_HOME/data} (set by the {@code ./atlas} launcher), else {@code ./data}. */
final class SampleData {
    private SampleData() {}

    static Path defaultDirectory() {
        String home = System.getenv("ATLAS_HOME");
        return home != null && !home.isBlank() ? Path.of(home, "data") : Path.of("data");
    }
}
