package org.partnershipatlas.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.Param;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * The values to run the library with on a generated store. The queries' {@code examples} name resources of the
 * sample data ({@code id/locality/newham}, {@code id/partnership/newham-cdrp}); a generated store has other
 * localities, so each example IRI that the store does not hold is replaced by a stand-in of the same kind from one
 * locality of the store: the locality itself; for another kind ({@code id/{kind}/{slug}}), the resource whose slug
 * is the example's with the sample locality's slug replaced by the chosen one's ({@code newham-cdrp} becomes
 * {@code melmarsh-cdrp}) if it exists, else the first resource of that kind linked to the chosen locality, else the
 * first of that kind. Examples that the store holds (problem domains, partnership types, national bodies) and
 * literal examples are kept. Nothing is read from the query texts but their headers, so the library may change.
 */
final class NationalParams {
    private static final Pattern ID = Pattern.compile("id/([a-z-]+)/([^/]+)");

    private final AtlasStore store;
    private final AtlasIris iris;
    private final String locality;
    private final String sampleLocality;
    private final Map<String, String> standIns = new HashMap<>();

    private NationalParams(AtlasStore store, AtlasIris iris, String locality, String sampleLocality) {
        this.store = store;
        this.iris = iris;
        this.locality = locality;
        this.sampleLocality = sampleLocality;
    }

    /**
     * Chooses the locality ({@code slug}, or the first locality of the store by IRI when null) and the sample
     * locality the examples name (the first {@code id/locality/...} example of the catalogue).
     */
    static NationalParams choose(AtlasStore store, AtlasIris iris, QueryCatalogue catalogue, String slug) {
        String locality;
        if (slug != null) {
            locality = iris.base() + "id/locality/" + slug;
            if (!exists(store, locality)) {
                throw new IllegalArgumentException("the store has no locality " + locality);
            }
        } else {
            locality = first(store, "SELECT ?s { ?s a <" + PA.Locality.getURI() + "> } ORDER BY ?s LIMIT 1")
                    .orElseThrow(() -> new IllegalStateException("the store has no localities"));
        }
        String sample = null;
        for (NamedQuery q : catalogue.list()) {
            for (String v : q.examples().values()) {
                Matcher m = ID.matcher(v);
                if (sample == null && m.find() && m.group(1).equals("locality")) {
                    sample = m.group(2);
                }
            }
        }
        return new NationalParams(store, iris, locality, sample);
    }

    String locality() {
        return locality;
    }

    String localitySlug() {
        return locality.substring(locality.lastIndexOf('/') + 1);
    }

    /** The values to run a query with: its examples, IRIs the store lacks replaced by stand-ins. */
    Map<String, String> values(NamedQuery query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Param p : query.params()) {
            String example = query.examples().get(p.name());
            if (example == null) {
                continue;
            }
            out.put(p.name(), p.kind() == Param.Kind.IRI ? standIn(example) : example);
        }
        return out;
    }

    /** A partnership of the chosen locality: the stand-in for the first partnership the examples name. */
    String partnership(QueryCatalogue catalogue) {
        for (NamedQuery q : catalogue.list()) {
            for (String v : q.examples().values()) {
                if (v.contains("id/partnership/")) {
                    return standIn(v);
                }
            }
        }
        return standIn("id/partnership/" + localitySlug());
    }

    /**
     * A gatekeeper proposal in JSON for the chosen locality: the problem domains of {@code partnership} and the two
     * organisations sitting on most of the locality's partnerships, so that it overlaps what exists.
     */
    String proposalJson(String partnership) {
        List<String> domains =
                column("SELECT ?d { <" + partnership + "> <http://www.w3.org/ns/org#purpose> ?d } ORDER BY ?d LIMIT 2");
        List<String> members = column("SELECT ?o { ?p <http://purl.org/dc/terms/spatial> <" + locality + "> ."
                + " ?m <http://www.w3.org/ns/org#organization> ?p ; <http://www.w3.org/ns/org#member> ?o }"
                + " GROUP BY ?o ORDER BY DESC(COUNT(*)) ?o LIMIT 2");
        return "{\"title\": \"Community safety task force\", \"purpose\": \"Reduce burglary and anti-social"
                + " behaviour, and support young people at risk of offending\", \"localities\": [\"" + locality
                + "\"], \"domains\": " + json(domains) + ", \"members\": " + json(members)
                + ", \"newMembers\": [\"Neighbourhood Watch\"]}";
    }

    /**
     * {@code n} gatekeeper proposals in JSON spread over the store's localities: for every k-th partnership (in IRI
     * order, k chosen to go through all of them), a proposal in its first locality with its problem domains and its
     * first two members, so that most overlap something and the candidates differ from one proposal to the next.
     */
    List<String> proposalsJson(int n) {
        List<String> partnerships = column("SELECT ?p { ?p a <https://w3id.org/partnership-atlas/def#Partnership> ;"
                + " <http://www.w3.org/ns/org#purpose> ?d } GROUP BY ?p ORDER BY ?p");
        List<String> out = new ArrayList<>();
        int step = Math.max(1, partnerships.size() / Math.max(1, n));
        for (int i = 0; i < partnerships.size() && out.size() < n; i += step) {
            String p = partnerships.get(i);
            List<String> localities =
                    column("SELECT ?l { <" + p + "> <http://purl.org/dc/terms/spatial> ?l } ORDER BY ?l LIMIT 1");
            List<String> domains =
                    column("SELECT ?d { <" + p + "> <http://www.w3.org/ns/org#purpose> ?d } ORDER BY ?d LIMIT 2");
            List<String> members = column("SELECT ?o { ?m <http://www.w3.org/ns/org#organization> <" + p + "> ;"
                    + " <http://www.w3.org/ns/org#member> ?o } ORDER BY ?o LIMIT 2");
            out.add("{\"title\": \"Proposal " + (out.size() + 1) + "\", \"purpose\": \"Reduce burglary and"
                    + " anti-social behaviour, and support young people at risk of offending\", \"localities\": "
                    + json(localities) + ", \"domains\": " + json(domains) + ", \"members\": " + json(members)
                    + ", \"newMembers\": [\"Neighbourhood Watch\"]}");
        }
        return out;
    }

    private String standIn(String example) {
        return standIns.computeIfAbsent(example, this::findStandIn);
    }

    private String findStandIn(String example) {
        String absolute = example.contains(":") ? example : iris.base() + example;
        if (exists(store, absolute)) {
            return absolute;
        }
        Matcher m = ID.matcher(absolute);
        if (!m.find() || !absolute.startsWith(iris.base())) {
            return absolute;
        }
        String kind = m.group(1);
        String slug = m.group(2);
        if (kind.equals("locality")) {
            return locality;
        }
        String prefix = iris.base() + "id/" + kind + "/";
        if (sampleLocality != null && slug.startsWith(sampleLocality)) {
            String renamed = prefix + localitySlug() + slug.substring(sampleLocality.length());
            if (exists(store, renamed)) {
                return renamed;
            }
        }
        return first(
                        store,
                        "SELECT ?s { ?s ?p <" + locality + "> FILTER(STRSTARTS(STR(?s), \"" + prefix
                                + "\")) } ORDER BY ?s LIMIT 1")
                .or(() -> first(store, "SELECT ?s { ?s a ?t FILTER(STRSTARTS(STR(?s), \"" + prefix + "\")) } LIMIT 1"))
                .orElse(absolute);
    }

    /**
     * Up to {@code n} distinct resources with documents: partnerships and organisations of the store in turn (half
     * each, fewer if it has fewer), in IRI order so that runs on the same store ask for the same ones.
     */
    List<String> resources(int n) {
        List<String> partnerships =
                column("SELECT ?s { ?s a <" + PA.Partnership.getURI() + "> } ORDER BY ?s LIMIT " + (n - n / 2));
        List<String> organisations =
                column("SELECT ?s { ?s a <http://www.w3.org/ns/org#FormalOrganization> } ORDER BY ?s LIMIT " + (n / 2));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(partnerships.size(), organisations.size()); i++) {
            if (i < partnerships.size()) {
                out.add(partnerships.get(i));
            }
            if (i < organisations.size()) {
                out.add(organisations.get(i));
            }
        }
        return out;
    }

    private List<String> column(String query) {
        return store.read(dsg -> {
            List<String> out = new ArrayList<>();
            RowSet rows = QueryExec.dataset(dsg).query(query).select();
            String var = rows.getResultVars().get(0).getVarName();
            rows.forEachRemaining(b -> out.add(b.get(var).getURI()));
            return out;
        });
    }

    private static Optional<String> first(AtlasStore store, String query) {
        return store.read(dsg -> {
            RowSet rows = QueryExec.dataset(dsg).query(query).select();
            return rows.hasNext() ? Optional.of(rows.next().get("s").getURI()) : Optional.<String>empty();
        });
    }

    private static boolean exists(AtlasStore store, String iri) {
        return store.read(dsg ->
                QueryExec.dataset(dsg).query("ASK { <" + iri + "> ?p ?o }").ask());
    }

    private static String json(List<String> values) {
        return values.isEmpty() ? "[]" : "[\"" + String.join("\", \"", values) + "\"]";
    }
}
