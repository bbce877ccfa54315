package org.partnershipatlas.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.partnershipatlas.loaders.store.AtlasStore;

/** What a store holds, as the benchmarks report it and give it to Virtuoso: its named graphs and its quads. */
final class StoreContents {
    private StoreContents() {}

    /** The IRIs of the store's named graphs, sorted. */
    static List<String> graphs(AtlasStore store) {
        return store.read(dsg -> {
            List<String> out = new ArrayList<>();
            dsg.listGraphNodes().forEachRemaining((Node g) -> out.add(g.getURI()));
            out.sort(null);
            return out;
        });
    }

    /** How many quads the store holds, in all its named graphs. */
    static long quads(AtlasStore store) {
        return store.read(dsg -> dsg.stream().count());
    }
}
