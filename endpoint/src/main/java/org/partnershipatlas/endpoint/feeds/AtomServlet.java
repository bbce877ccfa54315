package org.partnershipatlas.endpoint.feeds;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.loaders.feeds.ChangeEntries;
import org.partnershipatlas.loaders.feeds.ChangeEntries.Entry;
import org.partnershipatlas.loaders.feeds.LdesPages;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * {@code /changes.atom}: the releases' changes for people as an Atom feed (RFC 4287), newest release first: an entry
 * per partnership, organisation or guidance document a release changed, its changes in words as the summary, linking
 * to its page and to the release's changes. {@code ?locality=}, {@code ?domain=} (problem domain) and {@code ?type=}
 * (partnership type) keep only the entries about that locality, domain or type, by slug ({@code leeds},
 * {@code crime-and-community-safety}, {@code cdrp}) or IRI; given together, all must hold ("new partnerships on crime
 * in Leeds": {@code ?locality=leeds&domain=crime-and-community-safety}). A release's entries are worked out once
 * (releases never change) and kept; the feed covers the newest {@link #RELEASES} releases.
 */
public final class AtomServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String ATOM = "http://www.w3.org/2005/Atom";
    /** How many of the newest releases the feed covers. */
    static final int RELEASES = 20;
    /** How many entries a feed holds at most. */
    static final int MAX_ENTRIES = 1000;

    private final transient AtlasContext atlas;
    private final transient ReleaseArchive archive;
    private final transient Map<String, List<Entry>> entries = new ConcurrentHashMap<>();

    public AtomServlet(AtlasContext atlas, ReleaseArchive archive) {
        this.atlas = atlas;
        this.archive = archive;
    }

    /** A filter: the IRI an entry's facet must hold, or null for none. */
    private record Filter(String locality, String domain, String type) {
        boolean none() {
            return locality == null && domain == null && type == null;
        }

        boolean keeps(Entry e) {
            if (none()) {
                return true;
            }
            return (locality == null || e.localities().contains(locality))
                    && (domain == null || e.domains().contains(domain))
                    && (type == null || e.types().contains(type));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AtlasIris iris = atlas.iris();
        Filter filter = new Filter(
                iri(request, "locality", "locality"),
                iri(request, "domain", "problem-domain"),
                iri(request, "type", "partnership-type"));
        List<Release> releases = archive.releases();
        List<Entry> chosen = new ArrayList<>();
        for (int i = releases.size() - 1; i >= 0 && i >= releases.size() - RELEASES; i--) {
            Release r = releases.get(i);
            for (Entry e : entries.computeIfAbsent(r.version(), v -> ChangeEntries.of(archive, r))) {
                if (chosen.size() < MAX_ENTRIES && filter.keeps(e)) {
                    chosen.add(e);
                }
            }
        }
        String server = Routes.serverUrl(request);
        String self = server + Routes.CHANGES_FEED + (request.getQueryString() == null ? "" : "?" + query(filter));
        Instant updated = releases.isEmpty()
                ? Instant.EPOCH
                : releases.get(releases.size() - 1).issued();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, chosen, filter, self, server, updated, iris);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the Atom feed: " + e.getMessage(), e);
        }
        response.setContentType("application/atom+xml; charset=utf-8");
        response.setHeader("Cache-Control", "public, max-age=60");
        response.setContentLength(out.size());
        response.getOutputStream().write(out.toByteArray());
    }

    /** A filter parameter as an IRI: a slug in the Atlas's id space ({@code {base}id/{type}/{slug}}), or an IRI. */
    private String iri(HttpServletRequest request, String name, String type) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.startsWith("http://") || v.startsWith("https://")) {
            return v;
        }
        if (!AtlasIris.isSlug(v)) {
            throw HttpErrorException.badRequest(
                    name + " must be a slug such as " + example(name) + ", or an IRI; not '" + value + "'", name);
        }
        return atlas.iris().id(type, v);
    }

    private static String example(String name) {
        return switch (name) {
            case "locality" -> "leeds";
            case "domain" -> "crime-and-community-safety";
            default -> "cdrp";
        };
    }

    private static String query(Filter f) {
        List<String> parts = new ArrayList<>();
        for (String[] p :
                List.of(new String[] {"locality", f.locality()}, new String[] {"domain", f.domain()}, new String[] {
                    "type", f.type()
                })) {
            if (p[1] != null) {
                parts.add(p[0] + "=" + URLEncoder.encode(p[1], StandardCharsets.UTF_8));
            }
        }
        return String.join("&", parts);
    }

    private static void write(
            ByteArrayOutputStream out,
            List<Entry> chosen,
            Filter filter,
            String self,
            String server,
            Instant updated,
            AtlasIris iris)
            throws XMLStreamException {
        XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        x.writeStartDocument("UTF-8", "1.0");
        x.writeStartElement("feed");
        x.writeDefaultNamespace(ATOM);
        text(x, "id", self);
        text(x, "title", "Partnership Atlas: changes" + (filter.none() ? "" : " (" + describe(filter) + ")"));
        text(x, "subtitle", "What each release of the Partnership Atlas changed, newest first.");
        text(x, "updated", updated.toString());
        x.writeStartElement("author");
        text(x, "name", "Partnership Atlas");
        text(x, "uri", server + "/");
        x.writeEndElement();
        link(x, "self", self, "application/atom+xml");
        link(x, "alternate", server + Routes.RELEASES + "/", "text/html");
        link(x, "related", server + Routes.LDES, "text/turtle");
        for (Entry e : chosen) {
            x.writeStartElement("entry");
            text(x, "id", LdesPages.memberIri(e.iri(), e.release()));
            text(x, "title", e.title());
            text(x, "updated", e.issued().toString());
            text(x, "published", e.issued().toString());
            String page = e.iri().startsWith(iris.idSpace()) ? Routes.docHref(iris, server, e.iri()) : e.iri();
            link(
                    x,
                    "alternate",
                    e.about().equals("release") ? server + Routes.RELEASES + "/" + e.release() + "/" : page,
                    "text/html");
            link(x, "related", Routes.releasePath(server, e.release(), Routes.RELEASE_CHANGES), "text/html");
            category(x, e.about(), null);
            // What it is about, to filter on in a reader too.
            for (String locality : new TreeSet<>(e.localities())) {
                category(x, locality, "locality");
            }
            for (String domain : new TreeSet<>(e.domains())) {
                category(x, domain, "domain");
            }
            for (String type : new TreeSet<>(e.types())) {
                category(x, type, "type");
            }
            text(x, "summary", "Release " + e.release() + ": " + String.join("; ", e.changes()));
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeEndDocument();
        x.close();
    }

    private static String describe(Filter f) {
        List<String> parts = new ArrayList<>();
        for (String iri : new String[] {f.type(), f.domain(), f.locality()}) {
            if (iri != null) {
                parts.add(iri.substring(iri.lastIndexOf('/') + 1));
            }
        }
        return String.join(", ", parts);
    }

    private static void category(XMLStreamWriter x, String term, String label) throws XMLStreamException {
        x.writeEmptyElement("category");
        x.writeAttribute("term", term);
        if (label != null) {
            x.writeAttribute("label", label);
        }
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", href);
        x.writeAttribute("type", type);
    }
}
