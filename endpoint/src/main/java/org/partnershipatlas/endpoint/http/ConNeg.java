package org.partnershipatlas.endpoint.http;

import java.util.List;
import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;

/** Chooses a response media type from a request's {@code Accept} header (with q-values), Jena's way. */
public final class ConNeg {
    /** What the reports offer: HTML first, then JSON and CSV. */
    public static final List<String> REPORT_TYPES = List.of("text/html", "application/json", "text/csv");

    private ConNeg() {}

    /**
     * A report's media type: {@code ?format=html|json|csv} when given, else the best of {@link #REPORT_TYPES} for
     * the {@code Accept} header; null when neither can be met (answer 406).
     */
    public static String chooseReport(String format, String accept) {
        if (format == null) {
            return choose(accept, REPORT_TYPES);
        }
        return switch (format) {
            case "html" -> "text/html";
            case "json" -> "application/json";
            case "csv" -> "text/csv";
            default -> null;
        };
    }

    /**
     * The best of {@code offered} for the {@code Accept} header; the first offer when the header is absent or
     * accepts anything; null when nothing offered is acceptable (answer 406).
     */
    public static String choose(String accept, List<String> offered) {
        if (accept == null || accept.isBlank()) {
            return offered.get(0);
        }
        AcceptList offers = AcceptList.create(offered.toArray(String[]::new));
        MediaType chosen;
        try {
            chosen = AcceptList.match(new AcceptList(accept), offers);
        } catch (RuntimeException e) {
            return offered.get(0);
        }
        return chosen == null ? null : chosen.getContentTypeStr();
    }
}
