package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.loaders.BulkLoader;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.generate.Generator;
import org.partnershipatlas.ontology.AtlasOntology;

/**
 * A problem domain worked on in more localities than its page names at first: the page names the busiest 30, most
 * first, and links to all of them.
 */
class DomainLocalitiesIT {
    static final int LOCALITIES = 34;

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.storeBuiltBy(fixture -> {
        Path sources = fixture.dir().resolve("generated");
        Generator.to(sources)
                .localities(LOCALITIES)
                .partnershipsPerLocality(20)
                .seed(5)
                .schemes(SampleData.directory().resolve("schemes"))
                .run();
        LoadReport report = BulkLoader.into(fixture.dir().resolve("tdb2"))
                .sources(List.of(sources))
                .run();
        assertThat(report.committed()).as("%s", report.violations()).isTrue();
    });

    static final Pattern COUNTED = Pattern.compile(
            "<a href=\"/localities/([a-z0-9-]+)\">[^<]+</a> <span class=\"meta\">(\\d+) partnerships?</span>");

    @Test
    void theFirstScreenNamesTheBusiestLocalitiesAndLinksToAll() throws Exception {
        // The domain worked on in most localities, with most partnerships (counted once per locality).
        List<String> top = atlas.store().read(dsg -> {
            try (QueryExec qe = QueryExec.dataset(dsg)
                    .query(AtlasOntology.sparqlPrefixes() + """
                                SELECT ?domain (COUNT(DISTINCT ?l) AS ?ls) (COUNT(*) AS ?n) {
                                  { SELECT DISTINCT ?domain ?p ?l {
                                      ?p a pa:Partnership ; org:purpose ?d ; dcterms:spatial ?l .
                                      ?d skos:broader* ?domain } }
                                } GROUP BY ?domain ORDER BY DESC(?ls) DESC(?n) LIMIT 1""")
                    .build()) {
                RowSet rows = qe.select();
                var b = rows.next();
                return List.of(
                        b.get("domain").getURI(),
                        b.get("ls").getLiteralLexicalForm(),
                        b.get("n").getLiteralLexicalForm());
            }
        });
        String domain = top.get(0);
        long localities = Long.parseLong(top.get(1));
        long partnerships = Long.parseLong(top.get(2));
        assertThat(localities).isEqualTo(LOCALITIES);
        assertThat(partnerships).as("more than a page names").isGreaterThan(200);
        String slug = domain.substring(domain.lastIndexOf('/') + 1);

        String first = atlas.page("domains/" + slug);
        List<Long> shown = counts(first);
        assertThat(shown).hasSize(30).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(first)
                .contains("the 30 localities with most of " + LOCALITIES)
                .contains("<a href=\"/domains/" + slug + "?localities=all#partnerships\">All " + LOCALITIES
                        + " localities</a>");

        String all = atlas.page("domains/" + slug + "?localities=all");
        List<Long> every = counts(all);
        assertThat(every).hasSize(LOCALITIES).startsWith(shown.toArray(Long[]::new));
        assertThat(every.stream().mapToLong(Long::longValue).sum()).isEqualTo(partnerships);
        assertThat(all).doesNotContain("localities=all");
    }

    static List<Long> counts(String html) {
        Matcher m = COUNTED.matcher(html.substring(0, html.indexOf("id=\"government\"")));
        List<Long> counts = new ArrayList<>();
        while (m.find()) {
            counts.add(Long.parseLong(m.group(2)));
        }
        return counts;
    }
}
