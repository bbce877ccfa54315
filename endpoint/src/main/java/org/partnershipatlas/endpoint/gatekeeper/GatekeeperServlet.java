package org.partnershipatlas.endpoint.gatekeeper;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.riot.Lang;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.admin.AdminAccess;
import org.partnershipatlas.endpoint.admin.AdminCredentials;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.http.RequestTooLargeException;
import org.partnershipatlas.endpoint.ld.RdfFormat;
import org.partnershipatlas.endpoint.ld.RdfOutput;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.gatekeeper.CheckDocuments;
import org.partnershipatlas.gatekeeper.CheckResult;
import org.partnershipatlas.gatekeeper.Decisions;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.Proposal;
import org.partnershipatlas.gatekeeper.ProposalException;
import org.partnershipatlas.gatekeeper.ProposalReader;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * {@code POST /api/proposals/check}: checking is open to anyone; the proposal comes as JSON, Turtle, JSON-LD or a
 * form, the result goes back as JSON, Turtle, JSON-LD or a printable HTML report. {@code POST
 * /api/proposals/decisions} records a decision and needs an admin's credentials (HTTP Basic; off unless configured).
 */
public final class GatekeeperServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final List<String> OFFERED = List.of("application/json", "text/turtle", "application/ld+json", "text/html");
    /** Proposals larger than this are refused. */
    static final int MAX_BODY = 256 * 1024;
    /** The space a decision is checked for before it is recorded. */
    private static final long DECISION_BYTES = 1L << 20;

    private final transient Gatekeeper gatekeeper;
    private final transient ProposalReader reader;
    private final transient Decisions decisions;
    private final transient AtlasStore store;
    private final transient AdminAccess access;
    private final transient Templates templates;
    private final transient AtlasIris iris;

    public GatekeeperServlet(
            Gatekeeper gatekeeper, AtlasStore store, AdminCredentials admins, AtlasIris iris, Templates templates) {
        this.gatekeeper = gatekeeper;
        this.reader = new ProposalReader(iris);
        this.store = store;
        this.decisions = new Decisions(store.logged(), iris);
        this.access = new AdminAccess(admins);
        this.iris = iris;
        this.templates = templates;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        // A ProposalException goes to HttpErrors: 400 with every problem listed.
        switch (path) {
            case "/check" -> check(request, response);
            case "/decisions" -> decide(request, response);
            default -> throw HttpErrorException.notFound("No gatekeeper operation at " + request.getRequestURI());
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        throw HttpErrorException.methodNotAllowed("POST a proposal here; the form is at " + Routes.PROPOSALS);
    }

    private void check(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = ConNeg.choose(request.getHeader("Accept"), OFFERED);
        if (type == null) {
            throw HttpErrorException.notAcceptable(OFFERED);
        }
        Proposal proposal = read(request);
        CheckResult result = gatekeeper.check(proposal);
        write(result, type, iris, request, response, templates);
    }

    /** Reads a proposal from the request body by its content type. */
    Proposal read(HttpServletRequest request) throws IOException {
        String contentType =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            // Read here, not by the container, so that a field that is not UTF-8 is refused naming it.
            return reader.fromForm(ProposalReader.formFields(bytes(request)));
        }
        if (contentType.startsWith("multipart/form-data")) {
            Map<String, List<String>> form = new LinkedHashMap<>();
            request.getParameterMap().forEach((k, v) -> form.put(k, List.of(v)));
            return reader.fromForm(form);
        }
        String body = body(request);
        if (contentType.startsWith("text/turtle")) {
            return reader.fromRdf(body, Lang.TURTLE);
        }
        if (contentType.startsWith("application/ld+json")) {
            return reader.fromRdf(body, Lang.JSONLD);
        }
        if (contentType.startsWith("application/json") || contentType.isEmpty()) {
            return reader.fromJson(body);
        }
        throw new ProposalException(
                null,
                "send the proposal as application/json, text/turtle, application/ld+json or a form, not "
                        + request.getContentType());
    }

    static String body(HttpServletRequest request) throws IOException {
        return ProposalReader.decode(bytes(request));
    }

    /** The request body, at most {@code MAX_BODY} bytes. */
    static byte[] bytes(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new RequestTooLargeException("the proposal is larger than " + MAX_BODY / 1024 + " KiB");
        }
        return bytes;
    }

    /** Writes a check result in the chosen format. */
    static void write(
            CheckResult result,
            String type,
            AtlasIris iris,
            HttpServletRequest request,
            HttpServletResponse response,
            Templates templates)
            throws IOException {
        response.setHeader("Vary", "Accept");
        switch (type) {
            case "text/html" -> {
                response.setContentType("text/html; charset=utf-8");
                templates.render(
                        "proposal-report.ftlh",
                        Map.of(
                                "r",
                                ReportModel.of(result, request.getContextPath(), iris),
                                "root",
                                request.getContextPath() + "/"),
                        response.getWriter());
            }
            case "application/json" -> {
                response.setContentType("application/json; charset=utf-8");
                response.getWriter().println(JSON.toString(CheckDocuments.json(result)));
            }
            default -> {
                RdfFormat format = RdfFormat.byMediaType(type).orElseThrow();
                response.setContentType(format.contentType());
                RdfOutput.write(
                        CheckDocuments.rdf(result, CheckDocuments.Iris.mint(iris)),
                        format,
                        Routes.contextUrl(request),
                        response.getOutputStream());
            }
        }
    }

    private void decide(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = access.require(request, response, "Recording decisions");
        JsonValue parsed = ProposalReader.parseJson(body(request));
        if (!parsed.isObject()) {
            throw new ProposalException(
                    null,
                    "send a JSON object: {\"proposal\": {...}, \"outcome\": ..., \"concerns\": [...], \"reason\": ...}");
        }
        JsonObject body = parsed.getAsObject();
        if (!body.hasKey("proposal") || !body.get("proposal").isObject()) {
            throw new ProposalException("proposal", "the proposal the decision is on, as in a check");
        }
        Proposal proposal = reader.fromJson(body.get("proposal").toString());
        CheckResult check = gatekeeper.check(proposal);
        List<String> concerns = new ArrayList<>();
        if (body.hasKey("concerns")) {
            if (!body.get("concerns").isArray()) {
                throw new ProposalException("concerns", "a list of partnership IRIs or identifiers");
            }
            for (JsonValue c : (JsonArray) body.get("concerns")) {
                String value = c.getAsString().value();
                concerns.add(
                        value.contains(":")
                                ? value
                                : value.startsWith("id/") ? iris.base() + value : iris.id("partnership", value));
            }
        }
        String outcome =
                body.hasKey("outcome") ? body.get("outcome").getAsString().value() : null;
        String reason = body.hasKey("reason") ? body.get("reason").getAsString().value() : null;
        // A decision is a few dozen triples; a megabyte of room is ample. Storage faults go to the guard filter
        // (507/503).
        String decision = store.write(
                "the decision", DECISION_BYTES, () -> decisions.record(check, outcome, concerns, user, reason));
        String location = Routes.docHref(iris, request.getContextPath(), decision);
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setHeader("Location", location);
        response.setContentType("application/json; charset=utf-8");
        JsonObject out = new JsonObject();
        out.put("decision", decision);
        out.put("document", location);
        out.put("recommendation", check.recommendation());
        response.getWriter().println(JSON.toString(out));
    }
}
