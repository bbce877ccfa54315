package org.partnershipatlas.endpoint.portal;

import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.ORG;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.PA;

/** Small helpers the portal pages share: where an IRI links to, and what kind of thing a class is to a reader. */
final class Pages {
    /** The kinds a reader filters search results by, from the classes the Atlas uses. */
    static final Map<String, String> KINDS = Map.of(
            PA.GuidanceDocument.getURI(), "Guidance",
            PA.ExternalResource.getURI(), "Non-government resource",
            PA.BestPracticeCase.getURI(), "Best-practice case",
            PA.Partnership.getURI(), "Partnership",
            ORG.FormalOrganization.getURI(), "Organisation",
            PA.ProblemDomain.getURI(), "Problem domain",
            PA.Locality.getURI(), "Locality");

    private Pages() {}

    static String kindOf(String classIri) {
        return KINDS.get(classIri);
    }

    static String typeLabel(Node type) {
        return type.isURI() ? AtlasOntology.prefixes().shortForm(type.getURI()) : "Other";
    }

    /** Atlas resources link to their pages: localities and domains to the portal's pages, others to documents. */
    static String href(String iri, AtlasIris iris, String contextPath) {
        if (!iri.startsWith(iris.idSpace())) {
            return iri;
        }
        return Routes.pagePath(contextPath, iri.substring(iris.idSpace().length()));
    }
}
