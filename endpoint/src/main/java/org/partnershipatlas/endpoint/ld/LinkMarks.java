package org.partnershipatlas.endpoint.ld;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.partnershipatlas.queries.QueryRunner;

/**
 * What a resource page says beside each of its outbound links that {@code atlas check-links} found broken, moved,
 * failing or uncheckable: a plain mark in words ("Link broken since March 2026"), the archived copy or the new
 * address where there is one, and when it was last checked. Read with the named query
 * {@code link-health-of-resource}; links never checked, and links that worked, carry only when they were checked.
 */
final class LinkMarks {
    static final String QUERY = "link-health-of-resource";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    private LinkMarks() {}

    /** The health of each checked outbound link of {@code resource}, by URL. */
    static Map<String, ResourcePage.LinkHealth> of(QueryRunner queries, Node resource) {
        Map<String, ResourcePage.LinkHealth> marks = new LinkedHashMap<>();
        for (ResourcePage.LinkHealth h :
                queries.select(QUERY, Map.of("resource", resource.getURI()), LinkMarks::health)) {
            marks.putIfAbsent(h.url(), h);
        }
        return marks;
    }

    static ResourcePage.LinkHealth health(Binding b) {
        String url = b.get("link").getURI();
        String slug = text(b, "slug");
        String checked = "last checked " + day(text(b, "lastChecked"));
        String archived = uri(b, "archivedAt");
        String deadSince = text(b, "deadSince");
        String failingSince = text(b, "failingSince");
        String kind;
        String mark;
        if (deadSince != null) {
            kind = "broken";
            mark = "Link broken since " + month(deadSince);
        } else if ("moved-permanently".equals(slug)) {
            kind = "moved";
            mark = "Link moved";
        } else if (failingSince != null) {
            kind = "failing";
            mark = "Link failing since " + day(failingSince) + " (" + lowerFirst(text(b, "status")) + ")";
        } else if ("blocked".equals(slug) || "soft-404-suspected".equals(slug)) {
            kind = "unchecked";
            mark = "Link could not be confirmed (" + lowerFirst(text(b, "status")) + ")";
        } else {
            kind = null;
            mark = null;
        }
        return new ResourcePage.LinkHealth(url, kind, mark, archived, uri(b, "replacement"), checked);
    }

    private static String text(Binding b, String var) {
        Node n = b.get(var);
        return n == null ? null : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
    }

    private static String uri(Binding b, String var) {
        Node n = b.get(var);
        return n != null && n.isURI() ? n.getURI() : null;
    }

    private static String day(String dateTime) {
        return format(dateTime, DAY);
    }

    private static String month(String dateTime) {
        return format(dateTime, MONTH);
    }

    private static String format(String dateTime, DateTimeFormatter pattern) {
        if (dateTime == null) {
            return "at an unknown time";
        }
        try {
            return OffsetDateTime.parse(dateTime).format(pattern);
        } catch (DateTimeParseException e) {
            return dateTime; // shown as stored rather than failing the page
        }
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty()
                ? "unknown status"
                : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
