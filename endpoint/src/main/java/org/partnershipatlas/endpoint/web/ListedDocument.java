package org.partnershipatlas.endpoint.web;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.partnershipatlas.queries.DocumentStatus;

/**
 * A guidance document or resource in a page's list (the {@code listedDocument} macro of {@code documents.ftlh}
 * shows it): its title, page, a note (year, source, publishers), and, when it no longer stands, its status in words
 * ("Superseded", "Withdrawn") and the page of the document replacing it; both "" for a current document.
 */
public record ListedDocument(String title, String href, String note, String status, String replacedByHref) {
    /** Whether the document still stands. */
    public boolean current() {
        return status.isEmpty();
    }

    /**
     * The status shown for a library guidance query's {@code ?status} (a notation of the document-statuses scheme,
     * "current" for a standing document): "" when current, else the notation with a capital.
     */
    public static String statusWords(String notation) {
        if (notation == null || notation.isEmpty() || DocumentStatus.CURRENT.equals(notation)) {
            return "";
        }
        return Character.toUpperCase(notation.charAt(0)) + notation.substring(1);
    }

    /** The status in words of a query row with {@code ?status}, "" if it has none or is current. */
    public static String statusWords(Binding row) {
        Node status = row.get(Var.alloc("status"));
        return status == null ? "" : statusWords(status.getLiteralLexicalForm());
    }
}
