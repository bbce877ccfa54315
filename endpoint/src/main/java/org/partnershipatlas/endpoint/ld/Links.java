package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.http.HttpServletRequest;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;

/**
 * Where a page links for an IRI: Atlas resources ({@code {base}id/...}) to their documents on this server, Atlas
 * terms to the ontology page, anything else to the IRI itself. The canonical base need not be this server.
 */
final class Links {
    private final AtlasIris iris;
    private final String root;

    Links(AtlasIris iris, HttpServletRequest request) {
        this.iris = iris;
        this.root = request.getContextPath();
    }

    String href(String iri) {
        if (iri.startsWith(iris.idSpace())) {
            return Routes.docHref(iris, root, iri);
        }
        if (iri.startsWith(PA.NS)) {
            return root + Routes.DEF + "#" + iri.substring(PA.NS.length());
        }
        return iri;
    }
}
