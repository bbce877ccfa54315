package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.gatekeeper.GatekeeperConfig;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The gatekeeper judged against a labelled set of proposals ({@code gatekeeper-evaluation.json}, written by hand
 * before the scoring it judges) on the real sample data, through the HTTP API as a user meets it. Reports top-1,
 * top-3 and recommendation accuracy per category (printed, and written to
 * {@code target/gatekeeper-evaluation.txt}) and holds the floors: at least 95% top-1 on near-duplicates, at least
 * 90% right answers overall (a bad input's right answer is a 400 naming its field; the figure without bad inputs is
 * reported too), and every bad input answered 400 naming its field. On the same data, every recommendation rule fires for at least one proposal, so a rule that the
 * fixture keeps alive but the real data kills (as the sector notations once did) fails here.
 *
 * <p>Top-1 for a case whose expected top is {@code null} (nothing should be named) is right when no overlap
 * reaches {@code threshold.consult}; top-3 likewise.
 */
class GatekeeperEvaluationIT {
    static final String SET = "/org/partnershipatlas/endpoint/gatekeeper-evaluation.json";
    static final String README_EXAMPLE = """
            {"title": "Newham Burglary Task Force",
             "purpose": "Reduce domestic burglary and vehicle crime on the estates of Canning Town.",
             "localities": ["Newham"], "domains": ["Volume crime"],
             "members": ["newham-council", "Metropolitan Police Service"],
             "newMembers": ["Canning Town Neighbourhood Watch"]}
            """;

    /** The checks only read, so the JVM's shared sample store will do. */
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData();

    static final double CONSULT = GatekeeperConfig.defaults().consultThreshold();
    static final List<Outcome> outcomes = new ArrayList<>();
    static final List<Double> millis = new ArrayList<>();
    /** Each case's whole answer (status and body), so that two versions of the scoring can be compared case by case. */
    static final StringBuilder answers = new StringBuilder();

    record Outcome(
            String id,
            String category,
            boolean top1,
            boolean top3,
            boolean recommendation,
            String rule,
            String detail) {}

    @BeforeAll
    static void run() throws Exception {
        JsonObject set;
        try (InputStream in = GatekeeperEvaluationIT.class.getResourceAsStream(SET)) {
            set = JSON.parse(in);
        }
        for (JsonValue v : set.get("cases").getAsArray()) {
            outcomes.add(judge(v.getAsObject()));
        }
        StringBuilder report =
                new StringBuilder("Gatekeeper evaluation on the sample data (" + outcomes.size() + " proposals)\n");
        report.append(String.format(
                Locale.ROOT, "%-20s %5s %7s %7s %7s%n", "category", "cases", "top-1", "top-3", "recomm."));
        for (String category : categories()) {
            List<Outcome> in = of(category);
            report.append(String.format(
                    Locale.ROOT,
                    "%-20s %5d %6.0f%% %6.0f%% %6.0f%%%n",
                    category,
                    in.size(),
                    100 * share(in, Outcome::top1),
                    100 * share(in, Outcome::top3),
                    100 * share(in, Outcome::recommendation)));
        }
        report.append(String.format(
                Locale.ROOT,
                "%-20s %5d %6.0f%% %6.0f%% %6.0f%%%n",
                "overall",
                outcomes.size(),
                100 * share(outcomes, Outcome::top1),
                100 * share(outcomes, Outcome::top3),
                100 * share(outcomes, Outcome::recommendation)));
        List<Outcome> proposals =
                outcomes.stream().filter(o -> !o.category().equals("bad-input")).toList();
        report.append(String.format(
                Locale.ROOT,
                "%-20s %5d %6.0f%% %6.0f%% %6.0f%%%n",
                "all but bad inputs",
                proposals.size(),
                100 * share(proposals, Outcome::top1),
                100 * share(proposals, Outcome::top3),
                100 * share(proposals, Outcome::recommendation)));
        List<Double> warm = new ArrayList<>(millis.subList(1, millis.size()));
        warm.sort(Double::compare);
        report.append(String.format(
                Locale.ROOT,
                "%nOver HTTP on the sample data: the first check %.0f ms (it builds the lexicon), then median %.1f ms,"
                        + " p95 %.1f ms, max %.1f ms over %d checks (a new connection each).%n",
                millis.get(0),
                warm.get(warm.size() / 2),
                warm.get((int) Math.ceil(warm.size() * 0.95) - 1),
                warm.get(warm.size() - 1),
                warm.size()));
        report.append("\nThe README's worked example:\n")
                .append(check(README_EXAMPLE))
                .append('\n');
        report.append("\nMisjudged:\n");
        outcomes.stream()
                .filter(o -> !o.top1() || !o.recommendation())
                .forEach(o -> report.append("  ")
                        .append(o.id())
                        .append(" (")
                        .append(o.category())
                        .append("): ")
                        .append(o.detail())
                        .append('\n'));
        System.out.println(report);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("gatekeeper-evaluation.txt"), report.toString());
            Files.writeString(target.resolve("gatekeeper-evaluation-answers.txt"), answers.toString());
        }
    }

    interface Test1 {
        boolean of(Outcome o);
    }

    static double share(List<Outcome> in, Test1 t) {
        return in.isEmpty() ? 1 : in.stream().filter(t::of).count() / (double) in.size();
    }

    static Set<String> categories() {
        Set<String> out = new LinkedHashSet<>();
        outcomes.forEach(o -> out.add(o.category()));
        return out;
    }

    static List<Outcome> of(String category) {
        return outcomes.stream().filter(o -> o.category().equals(category)).toList();
    }

    static String check(String body) throws Exception {
        return post(body).text();
    }

    static AtlasFixture.Response post(String body) throws Exception {
        long t0 = System.nanoTime();
        AtlasFixture.Response response =
                atlas.post("api/proposals/check", "application/json", body, "application/json");
        millis.add((System.nanoTime() - t0) / 1e6);
        return response;
    }

    static Outcome judge(JsonObject c) throws Exception {
        String id = c.get("id").getAsString().value();
        String category = c.get("category").getAsString().value();
        AtlasFixture.Response response = post(JSON.toString(c.get("proposal")));
        answers.append(id)
                .append(' ')
                .append(response.statusCode())
                .append(' ')
                .append(response.text()
                        .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>")
                        .replaceAll("\"requestId\" : \"[0-9a-f]+\"", "\"requestId\" : \"<id>\""))
                .append('\n');
        if (category.equals("bad-input")) {
            String field = c.get("field").getAsString().value();
            boolean named = false;
            if (response.statusCode() == 400) {
                JsonObject error = JSON.parse(response.text());
                String parameter = error.hasKey("parameter")
                        ? error.get("parameter").getAsString().value()
                        : null;
                String message = error.get("error").getAsString().value();
                named = field.equals(parameter) || message.contains(field + ":");
            }
            return new Outcome(
                    id,
                    category,
                    named,
                    named,
                    named,
                    null,
                    "expected 400 naming " + field + ", got " + response.statusCode() + " " + response.text());
        }
        if (response.statusCode() != 200) {
            return new Outcome(id, category, false, false, false, null, response.statusCode() + " " + response.text());
        }
        JsonObject result = JSON.parse(response.text());
        JsonObject rec = result.get("recommendation").getAsObject();
        String recommendation = rec.get("recommendation").getAsString().value();
        String rule = rec.get("rule").getAsString().value();
        JsonArray overlaps = result.get("overlaps").getAsArray();
        List<String> ranked = new ArrayList<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (JsonValue o : overlaps) {
            String p = o.getAsObject().get("partnership").getAsString().value();
            ranked.add(p);
            scores.put(p, o.getAsObject().get("score").getAsNumber().value().doubleValue());
        }
        JsonValue expectedTop = c.get("top");
        boolean top1;
        boolean top3;
        if (expectedTop == null || expectedTop.isNull()) {
            top1 = ranked.isEmpty() || scores.get(ranked.get(0)) < CONSULT;
            top3 = top1;
        } else {
            String want = AtlasIris.DEFAULT.id(
                    "partnership", expectedTop.getAsString().value());
            top1 = !ranked.isEmpty() && ranked.get(0).equals(want);
            top3 = ranked.subList(0, Math.min(3, ranked.size())).contains(want);
        }
        String expected = c.get("recommendation").getAsString().value();
        boolean right = expected.equals(recommendation);
        String detail = "expected " + expectedTop + " / " + expected + "; got " + recommendation + " ("
                + rule + "), ranking "
                + ranked.stream()
                        .limit(3)
                        .map(p -> p.substring(p.lastIndexOf('/') + 1) + " " + scores.get(p))
                        .toList();
        return new Outcome(id, category, top1, top3, right, rule, detail);
    }

    @Test
    void nearDuplicatesAreFoundFirst() {
        assertThat(share(of("near-duplicate"), Outcome::top1))
                .as("top-1 on near-duplicates")
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void recommendationsAreRightAtLeastNineTimesInTen() {
        // Overall: every labelled case, a bad input's right answer being a 400 naming its field. The report also
        // gives the figure over the proposals that are not bad inputs. Issue 17's floor: 0.90.
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(60);
        assertThat(share(outcomes, Outcome::recommendation))
                .as("recommendation accuracy overall")
                .isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void everyBadInputIsAnswered400NamingTheField() {
        assertThat(of("bad-input")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(of("bad-input").stream().filter(o -> !o.recommendation()).map(Outcome::detail))
                .isEmpty();
    }

    @Test
    void everyRuleFiresOnTheSampleData() {
        List<String> rules =
                outcomes.stream().map(Outcome::rule).filter(r -> r != null).toList();
        Map<String, java.util.function.Predicate<String>> fired = new LinkedHashMap<>();
        fired.put("too few organisations", r -> r.startsWith("fewer than"));
        fired.put("join", r -> r.contains(">= threshold.join"));
        fired.put("one sector", r -> r.startsWith("all members in one sector"));
        fired.put("consult", r -> r.contains(">= threshold.consult"));
        fired.put("proceed", r -> r.contains("< threshold.consult") || r.equals("no overlap"));
        fired.forEach((name, test) -> assertThat(rules)
                .as("a proposal decided by the rule '%s'", name)
                .anyMatch(test));
    }
}
