package org.partnershipatlas.loaders.feeds;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.FileUtils;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.XSD;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.store.Staging;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.Vocab.AS;
import org.partnershipatlas.ontology.Vocab.TREE;

/**
 * The pages of the Linked Data Event Stream for each release, written once beside the releases, in
 * {@code {releases}/.ldes/{version}/}: {@code 1.ttl.gz}, {@code 2.ttl.gz}... (gzipped Turtle) and {@code pages.tsv} (how many pages and
 * members). A release's members are the versions of the resources it changed ({@link ResourceVersions}), each
 * {@code {resource}#v-{version}} (resources in the Atlas's namespace only: it mints no IRIs in others'), typed {@code as:Create}, {@code as:Update} or {@code as:Delete}, with
 * {@code dcterms:isVersionOf} the resource, {@code dcterms:created} the release's issue time, and the resource's
 * triples in that release (none for a deletion). A page holds at most {@link #DEFAULT_PAGE_MEMBERS} members (and
 * stops early past {@link #PAGE_LINES} triples); each page links to the next with a
 * {@code tree:GreaterThanOrEqualToRelation} on {@code dcterms:created}, so a release of any size is written streaming,
 * page by page, and served page by page.
 *
 * <p>The page files are Turtle whose own IRIs (the stream {@code <ldes>}, the pages {@code <ldes/{version}/{n}>}) are
 * relative: the server resolves them against its own address, so the same files serve under any host name. They are
 * written under a hidden name and renamed when complete; a release's pages never change.
 *
 * <pre>
 *   LdesPages.Pages pages = new LdesPages(archive, AtlasIris.DEFAULT).ensure(archive.require("2026-12-06"));
 *   Path first = pages.file(1);
 * </pre>
 */
public final class LdesPages {
    /** The folder of the pages, in the releases folder (hidden: not a release). */
    public static final String FOLDER = ".ldes";
    /** The stream, relative to the server's root. */
    public static final String STREAM = "ldes";
    /** The view: the stream's root node, linking to every release's first page. */
    public static final String VIEW = STREAM + "/view";
    /** The most members on a page. */
    public static final int DEFAULT_PAGE_MEMBERS = 500;
    /** A page is closed once it holds this many triples, however few members. */
    public static final int PAGE_LINES = 20_000;

    private static final String INDEX = "pages.tsv";
    private static final String TYPE = "<" + RDF.type.getURI() + ">";
    private static final String CREATED = "<" + DCTerms.created.getURI() + ">";
    private static final String VERSION_OF = "<" + DCTerms.isVersionOf.getURI() + ">";

    private final ReleaseArchive archive;
    private final AtlasIris iris;
    private final int pageMembers;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public LdesPages(ReleaseArchive archive, AtlasIris iris) {
        this(archive, iris, DEFAULT_PAGE_MEMBERS);
    }

    /** With pages of at most {@code pageMembers} members (small in tests, to have several pages a release). */
    public LdesPages(ReleaseArchive archive, AtlasIris iris, int pageMembers) {
        if (pageMembers < 1) {
            throw new IllegalArgumentException("pageMembers must be at least 1, not " + pageMembers);
        }
        this.archive = archive;
        this.iris = iris;
        this.pageMembers = pageMembers;
    }

    /**
     * A release's pages.
     *
     * @param folder where they are
     * @param pages how many ({@code 1.ttl.gz} to {@code {pages}.ttl.gz}); at least one, empty for an unchanged release
     * @param members how many members in all
     */
    public record Pages(Path folder, int pages, long members) {
        /** Opens page {@code n} (Turtle with relative IRIs), from 1. */
        public InputStream open(int n) throws IOException {
            return new GZIPInputStream(Files.newInputStream(file(n)), 1 << 16);
        }

        /** The file of page {@code n}, from 1: gzipped Turtle. */
        public Path file(int n) {
            return folder.resolve(n + ".ttl.gz");
        }
    }

    /** The page of a release, relative to the server's root: {@code ldes/{version}/{n}}. */
    public static String pagePath(String version, int n) {
        return STREAM + "/" + version + "/" + n;
    }

    /** The member for the version of {@code resource} in release {@code version}. */
    public static String memberIri(String resource, String version) {
        return resource + (resource.indexOf('#') < 0 ? "#v-" : "-v-") + version;
    }

    /** The release's pages if they were written. */
    public Optional<Pages> written(Release release) {
        Path index = folder(release.version()).resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            return Optional.empty();
        }
        try {
            int pages = 0;
            long members = 0;
            for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f[0].equals("pages")) {
                    pages = Integer.parseInt(f[1]);
                } else if (f[0].equals("members")) {
                    members = Long.parseLong(f[1]);
                }
            }
            return Optional.of(new Pages(folder(release.version()), pages, members));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The release's pages, written first if they were not yet (once, however many ask at the same time). */
    public Pages ensure(Release release) {
        Optional<Pages> done = written(release);
        if (done.isPresent()) {
            return done.get();
        }
        synchronized (locks.computeIfAbsent(release.version(), v -> new Object())) {
            return written(release).orElseGet(() -> write(release));
        }
    }

    private Path folder(String version) {
        return archive.directory().resolve(FOLDER).resolve(version);
    }

    /**
     * A file of the release this one's changes are from (published, or withdrawn since), or null for a first release.
     */
    static Path previousFile(ReleaseArchive archive, Release release, String name) {
        if (release.previous() == null) {
            return null;
        }
        Path published = archive.directory().resolve(release.previous()).resolve(name);
        Path withdrawn = archive.directory()
                .resolve(ReleaseArchive.WITHDRAWN)
                .resolve(release.previous())
                .resolve(name);
        return Files.isRegularFile(published) ? published : withdrawn;
    }

    private Pages write(Release release) {
        Path target = folder(release.version());
        Path parent = target.toAbsolutePath().getParent();
        Staging.removeAbandoned(parent, "");
        Path building = Staging.folder(parent, "");
        try {
            Files.createDirectories(building);
            try (PageWriter pages = new PageWriter(building, release)) {
                ResourceVersions.compare(
                        previousFile(archive, release, DumpWriter.UNION_NTRIPLES),
                        release.file(DumpWriter.UNION_NTRIPLES),
                        v -> {
                            // Versions are minted in the Atlas's namespace only: the labels it keeps of others'
                            // terms (dcterms:creator...) are not its resources.
                            if (v.resource().startsWith(iris.base())) {
                                pages.add(v);
                            }
                        });
                Files.writeString(
                        building.resolve(INDEX),
                        "pages\t" + pages.page + "\nmembers\t" + pages.members + "\n",
                        StandardCharsets.UTF_8);
            }
            try {
                Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                // Another process wrote them meanwhile: the same pages, theirs stay.
            }
            return written(release).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the event stream's pages of release " + release.version() + " into " + target + ": "
                            + e.getMessage(),
                    e);
        } finally {
            FileUtils.deleteQuietly(building.toFile());
        }
    }

    /** Writes the members into pages, opening the next page when one is full. */
    private final class PageWriter implements AutoCloseable {
        private final Path dir;
        private final Release release;
        private final String created;
        private int page;
        private int onPage;
        private int lines;
        private long members;
        private BufferedWriter out;

        PageWriter(Path dir, Release release) throws IOException {
            this.dir = dir;
            this.release = release;
            this.created = "\"" + release.issued() + "\"^^<" + XSD.dateTime.getURI() + ">";
            open();
        }

        private void open() throws IOException {
            page++;
            onPage = 0;
            lines = 0;
            out = new BufferedWriter(
                    new OutputStreamWriter(
                            new GZIPOutputStream(Files.newOutputStream(dir.resolve(page + ".ttl.gz")), 1 << 16),
                            StandardCharsets.UTF_8),
                    1 << 16);
            out.write("# The members of release " + release.version() + " of the Partnership Atlas, page " + page
                    + ". Relative IRIs are the server's.\n");
            out.write(page(page) + " " + TYPE + " <" + TREE.Node.getURI() + "> .\n");
        }

        private String page(int n) {
            return "<" + pagePath(release.version(), n) + ">";
        }

        void add(ResourceVersions.Version v) {
            try {
                if (onPage == pageMembers || lines >= PAGE_LINES) {
                    // The next page holds members of this release too: created at the release's time.
                    out.write(page(page) + " <" + TREE.relation.getURI() + "> [ " + TYPE + " <"
                            + TREE.GreaterThanOrEqualToRelation.getURI() + "> ; <" + TREE.node.getURI() + "> "
                            + page(page + 1) + " ; <" + TREE.path.getURI() + "> " + CREATED + " ; <"
                            + TREE.value.getURI() + "> " + created + " ] .\n");
                    out.close();
                    open();
                }
                String member = "<" + memberIri(v.resource(), release.version()) + ">";
                String kind = switch (v.kind()) {
                    case CREATE -> AS.Create.getURI();
                    case UPDATE -> AS.Update.getURI();
                    case DELETE -> AS.Delete.getURI();
                };
                out.write("<" + STREAM + "> <" + TREE.member.getURI() + "> " + member + " .\n");
                out.write(member + " " + TYPE + " <" + kind + "> .\n");
                out.write(member + " " + VERSION_OF + " <" + v.resource() + "> .\n");
                out.write(member + " " + CREATED + " " + created + " .\n");
                String subject = "<" + v.resource() + "> ";
                for (String line : v.triples()) {
                    String rest = line.substring(subject.length());
                    // The version's own timestamp and resource are the stream's; the resource's would be ambiguous.
                    if (rest.startsWith(CREATED + " ") || rest.startsWith(VERSION_OF + " ")) {
                        continue;
                    }
                    out.write(member);
                    out.write(' ');
                    out.write(rest);
                    out.write('\n');
                }
                onPage++;
                members++;
                lines += 4 + v.triples().size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
