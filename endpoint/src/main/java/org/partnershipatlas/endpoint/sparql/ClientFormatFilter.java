package org.partnershipatlas.endpoint.sparql;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.HttpErrorException;

/**
 * Lets the SPARQL endpoint understand the result-format names that common clients put in the {@code output},
 * {@code format} or {@code results} parameter (SPARQLWrapper sends {@code xml json rdf+xml turtle n3 csv tsv
 * json-ld} in all three, Virtuoso clients send media types), which Fuseki's own handling does not know. The names
 * become the request's {@code Accept} header and the parameters are taken away, so Fuseki negotiates as usual: a
 * name that fits either results or graphs ({@code xml}, {@code json}) offers both, and a name that does not fit the
 * query's form ({@code turtle} for SELECT) falls back to the form's default. A name that is neither known nor a
 * media type is a 406 naming the accepted ones.
 */
public final class ClientFormatFilter implements Filter {
    static final List<String> PARAMETERS = List.of("output", "format", "results");

    /** Accepted names and the media types each stands for, in the order of preference. */
    static final Map<String, String> NAMES = names();

    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+*-]+");
    private static final String FALLBACK = "*/*;q=0.1";

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("xml", "application/sparql-results+xml, application/rdf+xml");
        names.put("json", "application/sparql-results+json, application/ld+json");
        names.put("csv", "text/csv");
        names.put("tsv", "text/tab-separated-values");
        names.put("rdf+xml", "application/rdf+xml");
        names.put("rdf", "application/rdf+xml");
        names.put("rdfxml", "application/rdf+xml");
        names.put("turtle", "text/turtle");
        names.put("ttl", "text/turtle");
        // Fuseki writes no N3; Turtle is N3's RDF subset, which is what N3 clients read.
        names.put("n3", "text/turtle");
        names.put("json-ld", "application/ld+json");
        names.put("jsonld", "application/ld+json");
        names.put("nt", "application/n-triples");
        names.put("ntriples", "application/n-triples");
        names.put("n-triples", "application/n-triples");
        names.put("trig", "application/trig");
        names.put("nquads", "application/n-quads");
        names.put("n-quads", "application/n-quads");
        names.put("text", "text/plain");
        return Collections.unmodifiableMap(names);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean endpoint = path.equals(Routes.DATASET) || path.equals(Routes.SPARQL) || path.equals(Routes.QUERY);
        if (!endpoint || !isQuery(request) || PARAMETERS.stream().noneMatch(p -> request.getParameter(p) != null)) {
            chain.doFilter(req, resp);
            return;
        }
        List<String> accept = new ArrayList<>();
        boolean named = false;
        for (String parameter : PARAMETERS) {
            String[] values = request.getParameterValues(parameter);
            for (String value : values == null ? new String[0] : values) {
                for (String token : value.split(",")) {
                    String item = token.strip();
                    String bare = item.contains(";")
                            ? item.substring(0, item.indexOf(';')).strip()
                            : item;
                    if (bare.isEmpty() || bare.equals("*/*")) {
                        continue;
                    }
                    String mapped = NAMES.get(bare.toLowerCase(Locale.ROOT));
                    if (mapped != null) {
                        accept.add(mapped);
                        named = true;
                    } else if (MEDIA_TYPE.matcher(bare).matches()) {
                        accept.add(item);
                    } else {
                        throw new HttpErrorException(
                                406,
                                "Unknown result format \"" + bare + "\" in parameter " + parameter
                                        + "; use a media type or one of: " + String.join(" ", NAMES.keySet()),
                                parameter);
                    }
                }
            }
        }
        if (named) {
            accept.add(FALLBACK);
        }
        String header = accept.isEmpty() ? request.getHeader("Accept") : String.join(", ", accept);
        chain.doFilter(new Stripped(request, header), resp);
    }

    private static boolean isQuery(HttpServletRequest request) {
        String type = request.getContentType();
        return request.getParameter("query") != null
                || (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/sparql-query"));
    }

    /** The request without the format parameters, with the Accept header they stood for. */
    private static final class Stripped extends HttpServletRequestWrapper {
        private final String accept;
        private final Map<String, String[]> parameters;

        Stripped(HttpServletRequest request, String accept) {
            super(request);
            this.accept = accept;
            Map<String, String[]> kept = new LinkedHashMap<>(request.getParameterMap());
            kept.keySet().removeAll(PARAMETERS);
            this.parameters = Collections.unmodifiableMap(kept);
        }

        @Override
        public String getHeader(String name) {
            return "accept".equalsIgnoreCase(name) ? accept : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if ("accept".equalsIgnoreCase(name)) {
                return accept == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(accept));
            }
            return super.getHeaders(name);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
