package org.partnershipatlas.loaders.dumps;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.FileUtils;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFOps;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.Staging;
import org.partnershipatlas.loaders.store.StoreVersion;
import org.partnershipatlas.loaders.store.UnionScan;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;

/**
 * Writes the release files of a store into a dumps folder.
 *
 * <pre>
 *   DumpManifest manifest = new DumpWriter(store, AtlasIris.DEFAULT).write(Path.of("var/dumps"));
 * </pre>
 *
 * The N-Quads and N-Triples files are sorted, one graph at a time ({@link SortedLines}), so an unchanged store gives
 * byte-identical files. Everything is read in one read transaction, written to gzip, into a
 * fresh folder beside the target and then moved into place, so readers never see a half-written release. The free
 * space is checked first ({@link #spaceNeeded}); a release that fails anyway deletes its unfinished folder.
 * Extra files (such as a VoID description) can be added with {@link #addFile} before the checksums are final.
 */
public final class DumpWriter {
    public static final String ALL_QUADS = "atlas.nq.gz";
    public static final String UNION_NTRIPLES = "atlas.nt.gz";
    public static final String UNION_TURTLE = "atlas.ttl.gz";
    public static final String GRAPHS = "graphs";

    private final AtlasStore store;
    private final AtlasIris iris;
    /** Folders of earlier files of the store (its releases) whose data files may be taken instead of written. */
    private Path reuseFrom;
    /** Says when to give up (a server stopping); checked as quads are read. */
    private BooleanSupplier stop = () -> false;

    public DumpWriter(AtlasStore store, AtlasIris iris) {
        this.store = store;
        this.iris = iris;
    }

    /**
     * Takes the data files (the N-Quads, the union's N-Triples and Turtle, each graph's N-Triples) from a folder
     * under {@code releases} whose manifest says it was made from the store's current data (its data version and
     * change-log head), as hard links (copies where links cannot be made), instead of writing them again: a bulk load
     * or {@code atlas load --release} has just written that release, and the files would be byte for byte the same
     * (they are sorted). Null or no such folder: written as usual.
     */
    public DumpWriter reusing(Path releases) {
        this.reuseFrom = releases;
        return this;
    }

    /**
     * Gives up once {@code stop} says so, checked as quads are read, with a {@link CancellationException}; the
     * unfinished folder is deleted and the release in place is left as it was. A server writing a release in the
     * background stops with it, rather than wait for what takes half an hour at national scale.
     */
    public DumpWriter stopWhen(BooleanSupplier stop) {
        this.stop = stop;
        return this;
    }

    /**
     * Writes the dumps into {@code dumps}, replacing what was there; {@code extra} is given the new folder and the
     * data files written so far, and may add more files (such as a description of them) before the manifest and
     * checksums are written.
     */
    public DumpManifest write(Path dumps, BiConsumer<Path, List<DumpFile>> extra) {
        Path parent = dumps.toAbsolutePath().getParent();
        String folderName = dumps.getFileName().toString();
        Path staging = Staging.folder(parent, folderName);
        try {
            Files.createDirectories(parent);
            Staging.removeAbandoned(parent, folderName);
            store.diskSpace().require("the release", dumps, spaceNeeded(store, dumps));
            Files.createDirectories(staging.resolve(GRAPHS));
            String[] version = {null, null};
            List<DumpFile> files = Txn.calculateRead(store.datasetGraph(), () -> {
                version[0] = StoreVersion.of(store.datasetGraph());
                version[1] = ChangeLog.headOf(store.datasetGraph());
                Optional<List<DumpFile>> linked = linkSameData(version[0], version[1], staging);
                return linked.isPresent() ? linked.get() : measured(staging, writeAll(store.datasetGraph(), staging));
            });
            extra.accept(staging, files);
            List<DumpFile> all = new ArrayList<>(files);
            try (Stream<Path> added = Files.list(staging)) {
                for (Path p : added.filter(Files::isRegularFile).sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (all.stream().noneMatch(f -> f.name().equals(name))) {
                        all.add(new DumpFile(name, mediaType(name), false, Files.size(p), sha256(p), -1, null));
                    }
                }
            }
            DumpManifest manifest =
                    new DumpManifest(Instant.now(), version[0], version[1] == null ? "" : version[1], List.copyOf(all));
            manifest.write(staging);
            swap(staging, dumps);
            return manifest;
        } catch (CancellationException e) {
            FileUtils.deleteQuietly(staging.toFile());
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            // The staging folder holds the space that may be short; the release being served is untouched.
            FileUtils.deleteQuietly(staging.toFile());
            throw DiskSpace.failedWrite(
                    "writing the release into " + dumps,
                    dumps,
                    e,
                    "the unfinished release was deleted and the previous one is still in place");
        }
    }

    /**
     * About the bytes a release of the store needs while it is written (the previous release stays until the new one
     * is complete): the size of the previous release plus a tenth, or, for a first release, a fifth of the store's
     * data (the gzipped dumps of the sample data take 11% of its store).
     */
    public static long spaceNeeded(AtlasStore store, Path dumps) {
        return DiskSpace.forCopyOfStore(store, DiskSpace.sizeOf(dumps));
    }

    /** Writes the dumps with no extra files. */
    public DumpManifest write(Path dumps) {
        return write(dumps, (dir, files) -> {});
    }

    /** The data files of a folder made from this state of the store, linked into {@code dir}; empty if none. */
    private Optional<List<DumpFile>> linkSameData(String dataVersion, String head, Path dir) {
        if (reuseFrom == null || !Files.isDirectory(reuseFrom)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(reuseFrom)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Optional<DumpManifest> m = folder.getFileName().toString().startsWith(".")
                        ? Optional.empty()
                        : DumpManifest.read(folder).filter(x -> x.holds(dataVersion, head));
                if (m.isPresent()) {
                    List<DumpFile> files = m.get().files().stream()
                            .filter(f -> isData(f.name()))
                            .toList();
                    for (DumpFile f : files) {
                        link(folder.resolve(f.name()), dir.resolve(f.name()));
                    }
                    return Optional.of(files);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the data files from " + reuseFrom, e);
        }
    }

    private static boolean isData(String name) {
        return name.equals(ALL_QUADS)
                || name.equals(UNION_NTRIPLES)
                || name.equals(UNION_TURTLE)
                || name.startsWith(GRAPHS + "/");
    }

    private static void link(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(from, to);
        }
    }

    private List<DumpFile> writeAll(DatasetGraph dsg, Path dir) {
        List<Node> graphs = new ArrayList<>();
        dsg.listGraphNodes().forEachRemaining(graphs::add);
        // The change log's head is the store's bookkeeping, not data.
        graphs.remove(AtlasIris.CHANGE_LOG_GRAPH);
        graphs.sort(Comparator.comparing(Node::getURI, SortedLines.CODE_POINT_ORDER));
        List<DumpFile> files = new ArrayList<>();
        files.add(sorted(dir, ALL_QUADS, "application/n-quads", null, out -> {
            long n = 0;
            for (Node graph : graphs) {
                n += SortedLines.write(watched(dsg.find(graph, Node.ANY, Node.ANY, Node.ANY)), out, dir);
            }
            return n;
        }));
        files.add(sorted(
                dir,
                UNION_NTRIPLES,
                "application/n-triples",
                null,
                out -> SortedLines.write(asQuads(unionData(dsg)), out, dir)));
        files.add(gzip(dir, UNION_TURTLE, "text/turtle", null, RDFFormat.TURTLE_BLOCKS, out -> {
            StreamRDFOps.sendPrefixesToStream(AtlasOntology.prefixes(), out);
            return triples(unionData(dsg), out);
        }));
        for (Node graph : graphs) {
            String uri = graph.getURI();
            String prefix = iris.base() + "graph/";
            String name = uri.startsWith(prefix) ? uri.substring(prefix.length()) : Integer.toHexString(uri.hashCode());
            files.add(sorted(
                    dir,
                    GRAPHS + "/" + name + ".nt.gz",
                    "application/n-triples",
                    uri,
                    out -> SortedLines.write(watched(asQuads(dsg.getGraph(graph).find())), out, dir)));
        }
        files.sort(Comparator.comparing(DumpFile::name));
        return files;
    }

    /** The union of the named graphs but the change log's head. */
    private Iterator<Triple> unionData(DatasetGraph dsg) {
        return watched(Iter.filter(UnionScan.triples(dsg), t -> !AtlasIris.CHANGE_LOG.equals(t.getSubject())));
    }

    /** {@code it}, ending the write with a {@link CancellationException} once {@link #stop} says so. */
    private <T> Iterator<T> watched(Iterator<T> it) {
        return Iter.map(it, x -> {
            if (stop.getAsBoolean()) {
                throw new CancellationException("the release was stopped before it was complete");
            }
            return x;
        });
    }

    /** Triples as quads in the default graph, which {@link SortedLines} writes as N-Triples. */
    private static Iterator<Quad> asQuads(Iterator<Triple> triples) {
        return Iter.map(triples, t -> Quad.create(Quad.defaultGraphIRI, t));
    }

    private interface Lines {
        long write(OutputStream out) throws IOException;
    }

    /** A gzipped file of sorted lines ({@link SortedLines}): equal content, equal bytes. */
    private static DumpFile sorted(Path dir, String name, String mediaType, String graph, Lines body) {
        Path file = dir.resolve(name);
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16)) {
            long n = body.write(gz);
            gz.finish();
            raw.flush();
            return new DumpFile(name, mediaType, true, -1, null, n, graph);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long triples(Iterator<Triple> it, StreamRDF out) {
        long n = 0;
        while (it.hasNext()) {
            out.triple(it.next());
            n++;
        }
        return n;
    }

    private interface Body {
        long send(StreamRDF out);
    }

    private static DumpFile gzip(Path dir, String name, String mediaType, String graph, RDFFormat format, Body body) {
        Path file = dir.resolve(name);
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16)) {
            StreamRDF out = StreamRDFWriter.getWriterStream(gz, format);
            out.start();
            long n = body.send(out);
            out.finish();
            gz.finish();
            raw.flush();
            return new DumpFile(name, mediaType, true, -1, null, n, graph);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills in sizes and checksums once the files are closed. */
    private static List<DumpFile> measured(Path dir, List<DumpFile> files) {
        List<DumpFile> out = new ArrayList<>();
        try {
            for (DumpFile f : files) {
                Path p = dir.resolve(f.name());
                out.add(new DumpFile(
                        f.name(), f.mediaType(), f.compressed(), Files.size(p), sha256(p), f.statements(), f.graph()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void swap(Path staging, Path dumps) throws IOException {
        Path old = null;
        if (Files.exists(dumps)) {
            old = Staging.setAside(dumps);
            Files.move(dumps, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, dumps, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, dumps);
        }
        if (old != null) {
            FileUtils.deleteDirectory(old.toFile());
        }
    }

    private static String sha256(Path file) throws IOException {
        return Checksums.sha256(file);
    }

    private static String mediaType(String name) {
        if (name.endsWith(".ttl")) {
            return "text/turtle";
        }
        if (name.endsWith(".rdfp")) {
            return "application/rdf-patch";
        }
        if (name.endsWith(".md")) {
            return "text/markdown";
        }
        if (name.endsWith(".cff")) {
            return "application/yaml";
        }
        return name.endsWith(".jsonld") ? "application/ld+json" : "application/octet-stream";
    }
}
