package org.partnershipatlas.loaders.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seven CSV files of a generated dataset, open together while the generator writes them. */
final class Tables implements AutoCloseable {
    private static final List<String> KINDS =
            List.of("localities", "organisations", "partnerships", "memberships", "guidance", "resources", "cases");

    final Table localities;
    final Table organisations;
    final Table partnerships;
    final Table memberships;
    final Table guidance;
    final Table resources;
    final Table cases;

    private Tables(List<Table> tables) {
        localities = tables.get(0);
        organisations = tables.get(1);
        partnerships = tables.get(2);
        memberships = tables.get(3);
        guidance = tables.get(4);
        resources = tables.get(5);
        cases = tables.get(6);
    }

    /** Creates the seven files in {@code dir}, each with its header row; closes those opened if one fails. */
    static Tables open(Path dir) {
        List<Table> opened = new ArrayList<>();
        try {
            for (String kind : KINDS) {
                opened.add(Table.open(dir, kind));
            }
        } catch (RuntimeException e) {
            opened.forEach(t -> {
                try {
                    t.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            });
            throw e;
        }
        return new Tables(opened);
    }

    List<Table> all() {
        return List.of(localities, organisations, partnerships, memberships, guidance, resources, cases);
    }

    /** Rows written per file name, in a fixed order. */
    Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        all().forEach(t -> rows.put(t.fileName(), t.rows()));
        return rows;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Table table : all()) {
            try {
                table.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
