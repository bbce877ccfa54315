package org.partnershipatlas.queries.precomputed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.ARQ;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Each problem domain's stored pages of cases give {@code best-practice-cases-in-domain} the answer of its plain form,
 * page by page, where the cutting matters: a domain whose rows fill exactly two pages followed (in IRI order) by
 * domains with a few rows, whose pages must still be numbered from 1; a broader domain holding its narrower domains'
 * cases; a case with an English and a Welsh title (two rows, on different pages); equal titles (ordered by IRI);
 * and cases without an outcome or a labelled type, which the question leaves out.
 */
class CasePagesTest {
    static final String ID = "https://w3id.org/partnership-atlas/id/";

    static final String PREFIXES = """
            PREFIX pa: <https://w3id.org/partnership-atlas/def#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX id: <https://w3id.org/partnership-atlas/id/>
            """;

    @Test
    void everyDomainsPagesGiveThePlainAnswerNumberedFromOne() {
        StringBuilder trig = new StringBuilder(PREFIXES + """
                GRAPH <https://example.org/graph/schemes> {
                  id:problem-domain\\/crime a pa:ProblemDomain .
                  id:problem-domain\\/burglary a pa:ProblemDomain ; skos:broader id:problem-domain\\/crime .
                  id:problem-domain\\/drugs a pa:ProblemDomain ; skos:broader id:problem-domain\\/crime .
                  id:problem-domain\\/health a pa:ProblemDomain .
                  id:partnership-type\\/cdrp skos:prefLabel "CDRP"@en .
                  id:partnership-type\\/unlabelled a skos:Concept .
                }
                GRAPH <https://example.org/graph/cases> {
                """);
        // burglary: exactly 100 rows (99 cases, one with a Welsh title too); drugs and health: a few each.
        for (int i = 0; i < 99; i++) {
            trig.append(kase("b" + i, "Case " + (i % 40), "burglary", i == 3 ? " , \"Achos\"@cy" : ""));
        }
        for (int i = 0; i < 3; i++) {
            trig.append(kase("d" + i, "Drugs case " + i, "drugs", ""));
            trig.append(kase("h" + i, "Health case " + i, "health", ""));
        }
        trig.append("""
                  id:case\\/no-outcome a pa:BestPracticeCase ; dcterms:title "No outcome"@en ;
                      dcterms:subject id:problem-domain\\/health ; pa:partnershipType id:partnership-type\\/cdrp .
                  id:case\\/no-label a pa:BestPracticeCase ; dcterms:title "No label"@en ; pa:outcome "Less"@en ;
                      dcterms:subject id:problem-domain\\/health ; pa:partnershipType id:partnership-type\\/unlabelled .
                }
                """);
        DatasetGraph dsg = store(trig.toString());
        Txn.executeWrite(dsg, () -> Precomputed.rebuild(dsg, AtlasIris.DEFAULT));

        PlainComparison comparison = new PlainComparison(dsg, AtlasIris.DEFAULT);
        Map<String, Integer> expectedRows = Map.of("crime", 103, "burglary", 100, "drugs", 3, "health", 3);
        expectedRows.forEach((domain, rows) -> {
            PlainComparison.Paged paged = comparison.comparePaged(
                    "best-practice-cases-in-domain", Map.of("domain", ID + "problem-domain/" + domain), CasePages.PAGE);
            assertThat(paged.whole().differences()).as(domain).isEmpty();
            assertThat(paged.whole().libraryRows()).as(domain).isEqualTo(rows);
            assertThat(paged.pages()).as(domain).hasSize((rows + CasePages.PAGE - 1) / CasePages.PAGE);
            for (int page = 1; page <= paged.pages().size(); page++) {
                PlainComparison.Outcome outcome = paged.pages().get(page - 1);
                assertThat(outcome.differences()).as("%s page %d", domain, page).isEmpty();
                assertThat(outcome.libraryRows()).as("%s page %d", domain, page).isPositive();
            }
            assertThat(pageNumbers(dsg, domain))
                    .as("%s's pages, numbered from 1", domain)
                    .isEqualTo(numbersTo(paged.pages().size()));
        });
        // The case with two titles has a row on each of two pages of burglary (its Welsh title sorts last).
        assertThat(select(dsg, """
                        SELECT ?n { ?row pa:rowOf <%scase/b3> . ?page pa:pageItem ?row ; pa:pageOf ?d ; pa:pageNumber ?n .
                                    FILTER(?d = <%sproblem-domain/burglary>) } ORDER BY ?n""".formatted(ID, ID))).containsExactly("1", "2");
    }

    /**
     * A load in the server runs on the served dataset, whose context carries the public endpoint's query timeout
     * (Fuseki applies it to every query on the dataset): the load's own queries must not be cut off by it (an admin
     * load at N=350 failed with a 500 when the guidance order query ran past it).
     */
    @Test
    void theOrderQueriesOfALoadAreNotCutOffByTheServersQueryTimeout() {
        StringBuilder trig = new StringBuilder(PREFIXES + """
                GRAPH <https://example.org/graph/cases> {
                  id:problem-domain\\/burglary a pa:ProblemDomain .
                  id:partnership-type\\/cdrp skos:prefLabel "CDRP"@en .
                """);
        for (int i = 0; i < 2000; i++) {
            trig.append(kase("t" + i, "Case " + (i * 7919 % 2000), "burglary", ""));
            trig.append("  id:guidance\\/g")
                    .append(i)
                    .append(" a pa:GuidanceDocument ; dcterms:title \"Guidance ")
                    .append(i * 7919 % 2000)
                    .append("\" ; pa:governmentPublication true .\n");
        }
        trig.append("}\n");
        DatasetGraph dsg = store(trig.toString());
        dsg.getContext().set(ARQ.queryTimeout, "1");
        Txn.executeWrite(dsg, () -> Precomputed.rebuild(dsg, AtlasIris.DEFAULT));
        dsg.getContext().remove(ARQ.queryTimeout); // for the test's own question
        assertThat(pageNumbers(dsg, "burglary")).isEqualTo(numbersTo(2000 / CasePages.PAGE));
    }

    /** An in-memory TDB2 store of {@code trig}, read as the library reads it (the union of its graphs). */
    private static DatasetGraph store(String trig) {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        Txn.executeWrite(dsg, () -> RDFParser.fromString(trig, Lang.TRIG).parse(dsg));
        return dsg;
    }

    private static String kase(String slug, String title, String domain, String moreTitles) {
        return "  id:case\\/" + slug + " a pa:BestPracticeCase ; dcterms:title \"" + title + "\"@en" + moreTitles
                + " ; pa:outcome \"Fewer meetings\"@en , \"One budget\"@en ; dcterms:subject id:problem-domain\\/"
                + domain
                + " ; pa:partnershipType id:partnership-type\\/cdrp .\n";
    }

    private static List<String> pageNumbers(DatasetGraph dsg, String domain) {
        return select(
                dsg,
                "SELECT ?n { ?page a pa:CasePage ; pa:pageOf <" + ID + "problem-domain/" + domain
                        + "> ; pa:pageNumber ?n } ORDER BY ?n");
    }

    private static List<String> numbersTo(int n) {
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            numbers.add(Integer.toString(i));
        }
        return numbers;
    }

    private static List<String> select(DatasetGraph dsg, String query) {
        return Txn.calculateRead(dsg, () -> selectInTxn(dsg, query));
    }

    private static List<String> selectInTxn(DatasetGraph dsg, String query) {
        List<String> values = new ArrayList<>();
        try (QueryExec qe = QueryExec.dataset(dsg)
                .query("PREFIX pa: <https://w3id.org/partnership-atlas/def#>\n" + query)
                .build()) {
            RowSet rows = qe.select();
            rows.forEachRemaining(b -> values.add(b.get("n").getLiteralLexicalForm()));
        }
        return values;
    }
}
