package org.partnershipatlas.queries.precomputed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The newest guidance kept per subject gives the guidance queries the answer of their plain forms where the cut-off
 * matters: one subject with many more documents than are kept, ties on date and title, documents without a date,
 * with two dates or two titles, documents of neither class, and documents on both a domain and its narrower one.
 */
class NewestGuidanceTest {
    static final String ID = "https://w3id.org/partnership-atlas/id/";

    @Test
    void theNewestDocumentsPerSubjectGiveThePlainAnswer() {
        StringBuilder trig = new StringBuilder("""
                PREFIX pa: <https://w3id.org/partnership-atlas/def#>
                PREFIX org: <http://www.w3.org/ns/org#>
                PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                PREFIX dcterms: <http://purl.org/dc/terms/>
                PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
                PREFIX id: <https://w3id.org/partnership-atlas/id/>
                GRAPH <https://example.org/graph/schemes> {
                  id:problem-domain\\/crime a pa:ProblemDomain .
                  id:problem-domain\\/burglary a pa:ProblemDomain ; skos:broader id:problem-domain\\/crime .
                  id:problem-domain\\/health a pa:ProblemDomain .
                }
                GRAPH <https://example.org/graph/data> {
                  id:partnership\\/p1 a pa:Partnership ; org:purpose id:problem-domain\\/burglary .
                  id:partnership\\/p2 a pa:Partnership ; org:purpose id:problem-domain\\/health .
                  id:membership\\/m1 org:member id:organisation\\/o1 ; org:organization id:partnership\\/p1 .
                  id:membership\\/m2 org:member id:organisation\\/o1 ; org:organization id:partnership\\/p2 .
                """);
        Random random = new Random(5);
        String[] subjects = {"crime", "burglary", "health"};
        for (int i = 0; i < 120; i++) {
            String doc = "id:guidance\\/g" + i;
            trig.append(doc)
                    .append(i % 17 == 0 ? "" : i % 4 == 0 ? " a pa:ExternalResource ;" : " a pa:GuidanceDocument ;")
                    .append(" dcterms:title \"Title ")
                    .append(random.nextInt(8))
                    .append("\" ; pa:governmentPublication ")
                    .append(random.nextBoolean())
                    .append(" ; dcterms:subject id:problem-domain\\/")
                    .append(subjects[random.nextInt(3)]);
            if (i % 5 == 0) {
                trig.append(" , id:problem-domain\\/").append(subjects[random.nextInt(3)]);
            }
            int dates = i % 9 == 0 ? 0 : i % 11 == 0 ? 2 : 1;
            for (int d = 0; d < dates; d++) {
                trig.append(" ; dcterms:issued \"")
                        .append(1998 + random.nextInt(4))
                        .append("-0")
                        .append(1 + random.nextInt(3))
                        .append("\"^^xsd:gYearMonth");
            }
            if (i % 13 == 0) {
                trig.append(" ; dcterms:title \"Another title ").append(i).append('"');
            }
            trig.append(" .\n");
        }
        trig.append("}\n");
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        Txn.executeWrite(dsg, () -> {
            RDFParser.fromString(trig.toString(), Lang.TRIG).parse(dsg);
            Precomputed.rebuild(dsg, AtlasIris.DEFAULT);
        });

        PlainComparison comparison = new PlainComparison(dsg, AtlasIris.DEFAULT);
        for (Map<String, String> values :
                List.of(Map.of("partnership", ID + "partnership/p1"), Map.of("partnership", ID + "partnership/p2"))) {
            PlainComparison.Outcome outcome = comparison.compare("guidance-for-partnership", values);
            assertThat(outcome.differences()).as("%s", values).isEmpty();
            assertThat(outcome.libraryRows()).isEqualTo(25);
        }
        PlainComparison.Outcome outcome =
                comparison.compare("guidance-for-organisation", Map.of("organisation", ID + "organisation/o1"));
        assertThat(outcome.differences()).isEmpty();
        assertThat(outcome.libraryRows()).isEqualTo(25);
        for (String domain : List.of("crime", "burglary", "health")) {
            outcome = comparison.compare("guidance-for-domain", Map.of("domain", ID + "problem-domain/" + domain));
            assertThat(outcome.differences()).as(domain).isEmpty();
            assertThat(outcome.libraryRows()).isEqualTo(25);
        }
    }
}
