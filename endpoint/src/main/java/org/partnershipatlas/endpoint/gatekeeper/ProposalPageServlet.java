package org.partnershipatlas.endpoint.gatekeeper;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.vocabulary.ORG;
import org.partnershipatlas.endpoint.http.HttpErrors;
import org.partnershipatlas.endpoint.http.RequestGuardFilter;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.gatekeeper.CheckResult;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.ProposalException;
import org.partnershipatlas.gatekeeper.ProposalReader;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;

/** {@code /proposals}: the proposal form (GET), and the printable report of a check (POST from the form). */
public final class ProposalPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /**
     * Organisations listed in the form's select box at most: beyond, a list is no help to choose from (the national
     * data has thousands) and members are named instead, which the check resolves.
     */
    public static final int MAX_LISTED_ORGANISATIONS = 500;

    private final transient Gatekeeper gatekeeper;
    private final transient AtlasIris iris;
    private final transient Templates templates;

    public ProposalPageServlet(Gatekeeper gatekeeper, AtlasIris iris, Templates templates) {
        this.gatekeeper = gatekeeper;
        this.iris = iris;
        this.templates = templates;
    }

    /** A choice in a select box. */
    public record Option(String value, String label) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        form(request, response, Map.of(), null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, List<String>> form = new LinkedHashMap<>();
        try {
            // Read here, not by the container, so that a field that is not UTF-8 is refused naming it.
            form.putAll(ProposalReader.formFields(GatekeeperServlet.bytes(request)));
            CheckResult result = gatekeeper.check(new ProposalReader(iris).fromForm(form));
            GatekeeperServlet.write(result, "text/html", iris, request, response, templates);
        } catch (ProposalException e) {
            response.setStatus(400);
            form(request, response, form, e.getMessage());
        }
    }

    private void form(
            HttpServletRequest request, HttpServletResponse response, Map<String, List<String>> values, String error)
            throws IOException {
        try {
            response.setContentType("text/html; charset=utf-8");
            List<Option> organisations = options(ORG.FormalOrganization.getURI());
            templates.render(
                    "proposal-form.ftlh",
                    Map.of(
                            "localities",
                            options(PA.Locality.getURI()),
                            "domains",
                            options(PA.ProblemDomain.getURI()),
                            "organisations",
                            organisations.size() <= MAX_LISTED_ORGANISATIONS ? organisations : List.of(),
                            "organisationCount",
                            organisations.size(),
                            "types",
                            options(PA.PartnershipType.getURI()),
                            "values",
                            values,
                            "error",
                            error == null ? "" : error,
                            "requestId",
                            RequestGuardFilter.requestId(request),
                            "root",
                            request.getContextPath() + "/"),
                    response.getWriter());
        } catch (RuntimeException e) {
            HttpErrors.send(request, response, 500, "The form could not be drawn: " + e.getMessage(), null);
        }
    }

    private List<Option> options(String classIri) {
        return gatekeeper.choices(classIri).stream()
                .map(c -> new Option(c.iri(), c.label()))
                .toList();
    }
}
