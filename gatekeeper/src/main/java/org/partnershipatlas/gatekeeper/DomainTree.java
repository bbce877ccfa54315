package org.partnershipatlas.gatekeeper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.sparql.engine.binding.Binding;

/** The problem-domain hierarchy, to tell whether one domain is broader or narrower than another, or a sibling. */
final class DomainTree {
    private final Map<String, String> broader = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();

    DomainTree(List<Binding> rows) {
        for (Binding b : rows) {
            String domain = b.get("domain").getURI();
            labels.put(domain, b.get("label").getLiteralLexicalForm());
            if (b.contains("broader")) {
                broader.put(domain, b.get("broader").getURI());
            }
        }
    }

    Map<String, String> labels() {
        return labels;
    }

    /** True if {@code a} is a (transitively) broader domain of {@code b}. */
    boolean isBroader(String a, String b) {
        String up = broader.get(b);
        for (int depth = 0; up != null && depth < 20; depth++) {
            if (up.equals(a)) {
                return true;
            }
            up = broader.get(up);
        }
        return false;
    }

    /** True if one is broader than the other. */
    boolean related(String a, String b) {
        return isBroader(a, b) || isBroader(b, a);
    }

    /** The directly broader domain, or null for a top domain. */
    String broader(String domain) {
        return broader.get(domain);
    }

    /** True if the two are different domains under the same directly broader domain. */
    boolean siblings(String a, String b) {
        String up = broader.get(a);
        return up != null && !a.equals(b) && up.equals(broader.get(b));
    }
}
