package org.partnershipatlas.endpoint.gatekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.endpoint.web.Templates;

/**
 * The proposal form lists the organisations the Atlas knows when they are few enough to choose from, and asks for
 * members by name when they are not (the national data has thousands).
 */
class ProposalFormTest {
    static String form(List<ProposalPageServlet.Option> organisations, int count) {
        Map<String, Object> model = new HashMap<>();
        model.put("localities", List.of(new ProposalPageServlet.Option("https://example.org/l", "Newham")));
        model.put("domains", List.of(new ProposalPageServlet.Option("https://example.org/d", "Volume crime")));
        model.put("organisations", organisations);
        model.put("organisationCount", count);
        model.put("types", List.of());
        model.put("values", Map.of());
        model.put("error", "");
        model.put("requestId", "test");
        model.put("root", "/");
        StringWriter out = new StringWriter();
        new Templates(() -> null).render("proposal-form.ftlh", model, out);
        return out.toString();
    }

    @Test
    void fewOrganisationsAreListedToChooseFrom() {
        String html = form(List.of(new ProposalPageServlet.Option("https://example.org/o", "Newham Council")), 1);
        assertThat(html)
                .contains("<select id=\"member\" name=\"member\" multiple")
                .contains("<option value=\"https://example.org/o\">Newham Council</option>")
                .contains("Other members, one per line")
                .doesNotContain("members-by-name");
    }

    @Test
    void manyOrganisationsAreNamedInstead() {
        String html = form(List.of(), 10_123);
        assertThat(html)
                .doesNotContain("id=\"member\"")
                .contains("id=\"members-by-name\"")
                .contains("10,123 organisations")
                .contains("<label for=\"newMember\">Members, one per line</label>")
                .contains("<textarea id=\"newMember\" name=\"newMember\"");
    }
}
