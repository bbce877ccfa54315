package org.partnershipatlas.loaders.linkhealth;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Checks a set of URLs once, politely, and says how each check ended. One checker per run: robots.txt files,
 * soft-404 probes and host turns are remembered for the run only.
 *
 * <pre>
 * CheckRun run = new LinkChecker(CheckSettings.builder().build()).run(urls, previousRecords);
 * run.checks().forEach(c -&gt; System.out.println(c.url() + " " + c.status()));
 * </pre>
 *
 * <p>Redirects are followed by hand (at most {@value #MAX_REDIRECTS}) so that every hop is recorded, passes the
 * address guard and robots.txt of its own host, and waits for that host's turn.
 */
public final class LinkChecker {
    /** The most redirects followed from one URL. */
    public static final int MAX_REDIRECTS = 10;
    /** HEAD answers that mean "ask with GET" rather than anything about the page. */
    private static final Set<Integer> HEAD_REFUSED = Set.of(400, 403, 405, 406, 501);
    /** How alike a page and the host's answer to a path that cannot exist must be to suspect a soft 404. */
    private static final double SOFT_404_SIMILARITY = 0.8;

    private final CheckSettings settings;
    private final HttpClient client;
    private final HostGates gates;
    private final Map<String, CompletableFuture<RobotsRules>> robots = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Optional<String>>> notFoundPages = new ConcurrentHashMap<>();
    private final Set<String> hostsOutOfTurn = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private long deadlineNanos;

    public LinkChecker(CheckSettings settings) {
        this.settings = settings;
        this.gates = new HostGates(settings.perHostInterval());
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A host's turn would not come within the run's budget. */
    private static final class OutOfTurnException extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private record Exchange(int code, HttpHeaders headers, byte[] body) {}

    /**
     * Checks {@code urls} (normalised, duplicates ignored), those never checked first and then the longest unchecked,
     * within the budget. {@code previous} gives the validators for conditional requests.
     */
    public CheckRun run(Collection<URI> urls, Map<URI, LinkRecord> previous) throws InterruptedException {
        Instant started = settings.clock().instant();
        deadlineNanos = HostGates.deadlineAfter(settings.maxDuration());
        List<URI> order = new ArrayList<>(new LinkedHashSet<>(urls));
        order.sort(Comparator.comparing(
                (URI u) -> previous.containsKey(u) ? previous.get(u).check().checkedAt() : Instant.MIN));
        List<URI> chosen = order.subList(0, Math.min(order.size(), settings.maxUrls()));
        Map<String, List<URI>> byHost = new LinkedHashMap<>();
        for (URI u : chosen) {
            byHost.computeIfAbsent(u.getHost().toLowerCase(Locale.ROOT), h -> new ArrayList<>())
                    .add(u);
        }
        Map<URI, LinkCheck> done = new ConcurrentHashMap<>();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "link-check-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "link-check-deadlines");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (List<URI> hostUrls : byHost.values()) {
                tasks.add(pool.submit(() -> {
                    for (URI u : hostUrls) {
                        LinkCheck c = check(u, previous.get(u));
                        if (c != null) {
                            done.put(u, c);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("A link check failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
            timer.shutdownNow();
        }
        List<LinkCheck> checks = new ArrayList<>();
        List<URI> notChecked = new ArrayList<>();
        for (URI u : order) {
            if (done.containsKey(u)) {
                checks.add(done.get(u));
            } else {
                notChecked.add(u);
            }
        }
        return new CheckRun(started, settings.clock().instant(), checks, notChecked);
    }

    /** One URL, following redirects; null if the budget ran out before it could be checked. */
    private LinkCheck check(URI url, LinkRecord previous) throws InterruptedException {
        List<URI> chain = new ArrayList<>();
        URI current = url;
        boolean permanent = true;
        int code = 0;
        try {
            while (true) {
                if (hostsOutOfTurn.contains(current.getHost())) {
                    return null;
                }
                String refusal = refusal(current);
                if (refusal != null) {
                    return result(url, LinkStatus.BLOCKED, code, current, chain, null, refusal);
                }
                RobotsRules rules = robotsOf(current);
                if (!rules.allows(LinkUrls.pathAndQuery(current))) {
                    return result(
                            url,
                            LinkStatus.BLOCKED,
                            code,
                            current,
                            chain,
                            null,
                            "disallowed by " + rules.source() + " of " + LinkUrls.origin(current));
                }
                Map<String, String> conditional = current.equals(url) ? conditionalHeaders(previous, url) : Map.of();
                Exchange ex = request(current, conditional);
                code = ex.code;
                if (code == 304 && !conditional.isEmpty()) {
                    LinkCheck before = previous.check();
                    return new LinkCheck(
                            url,
                            LinkStatus.OK,
                            304,
                            url,
                            List.of(),
                            before.etag(),
                            before.lastModified(),
                            settings.clock().instant(),
                            "not modified since the last check");
                }
                if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                    URI from = current;
                    Optional<URI> next = ex.headers.firstValue("Location").flatMap(l -> resolve(from, l));
                    if (next.isEmpty()) {
                        return result(
                                url,
                                LinkStatus.SERVER_ERROR,
                                code,
                                current,
                                chain,
                                ex,
                                "redirect " + code + " without a usable http(s) Location");
                    }
                    boolean seen = next.get().equals(url) || chain.contains(next.get());
                    chain.add(next.get());
                    if (seen) {
                        return result(
                                url,
                                LinkStatus.REDIRECT_LOOP,
                                code,
                                next.get(),
                                chain,
                                null,
                                "redirects lead back to " + next.get());
                    }
                    if (chain.size() > MAX_REDIRECTS) {
                        return result(
                                url,
                                LinkStatus.TOO_MANY_REDIRECTS,
                                code,
                                next.get(),
                                chain,
                                null,
                                "more than " + MAX_REDIRECTS + " redirects");
                    }
                    permanent &= code == 301 || code == 308;
                    current = next.get();
                    continue;
                }
                LinkStatus status = statusOf(code);
                if (status == LinkStatus.OK && !chain.isEmpty()) {
                    status = permanent ? LinkStatus.MOVED_PERMANENTLY : LinkStatus.REDIRECTED_TEMPORARILY;
                }
                if (code == 200 && looksLikeNotFound(current, ex)) {
                    return result(
                            url,
                            LinkStatus.SOFT_404_SUSPECTED,
                            code,
                            current,
                            chain,
                            ex,
                            "the page is like the host's answer to a path that cannot exist");
                }
                return result(url, status, code, current, chain, ex, "HTTP " + code);
            }
        } catch (OutOfTurnException e) {
            return null;
        } catch (IOException e) {
            return result(url, statusOf(e), code, current, chain, null, describe(e));
        }
    }

    private LinkCheck result(
            URI url, LinkStatus status, int code, URI finalUrl, List<URI> chain, Exchange ex, String detail) {
        String etag = ex == null ? null : ex.headers.firstValue("ETag").orElse(null);
        String modified =
                ex == null ? null : ex.headers.firstValue("Last-Modified").orElse(null);
        return new LinkCheck(
                url,
                status,
                code,
                finalUrl,
                chain,
                etag,
                modified,
                settings.clock().instant(),
                detail);
    }

    private static Map<String, String> conditionalHeaders(LinkRecord previous, URI url) {
        if (previous == null
                || !previous.check().chain().isEmpty()
                || previous.check().status().kind() != LinkStatus.Kind.SUCCESS) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>();
        if (previous.check().etag() != null) {
            headers.put("If-None-Match", previous.check().etag());
        }
        if (previous.check().lastModified() != null) {
            headers.put("If-Modified-Since", previous.check().lastModified());
        }
        return headers;
    }

    private static Optional<URI> resolve(URI base, String location) {
        try {
            return LinkUrls.normalise(base.resolve(location.strip()).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Resolves the host (.invalid never resolves: RFC 6761) and asks the guard; throws for DNS failures. */
    private String refusal(URI u) throws UnknownHostException {
        String host = u.getHost();
        if (host.endsWith(".invalid")) {
            throw new UnknownHostException(host + " (the .invalid domain never resolves)");
        }
        InetAddress[] addresses = InetAddress.getAllByName(host);
        return settings.guard().refusal(host, addresses);
    }

    /** HEAD, then GET where the server refuses HEAD. */
    private Exchange request(URI u, Map<String, String> headers)
            throws IOException, InterruptedException, OutOfTurnException {
        Exchange head = exchange(u, "HEAD", headers);
        return HEAD_REFUSED.contains(head.code) ? exchange(u, "GET", headers) : head;
    }

    /** One request in the host's turn, with the body bounded in size and time. */
    private Exchange exchange(URI u, String method, Map<String, String> headers)
            throws IOException, InterruptedException, OutOfTurnException {
        HttpRequest.Builder b = HttpRequest.newBuilder(u)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(settings.responseTimeout())
                .header("User-Agent", settings.userAgent());
        headers.forEach(b::header);
        String host = u.getHost();
        if (!gates.acquire(host, deadlineNanos)) {
            throw new OutOfTurnException();
        }
        Duration wait = Duration.ZERO;
        List<ScheduledFuture<?>> alarms = new ArrayList<>();
        try {
            HttpResponse<byte[]> r = client.send(b.build(), info -> {
                BoundedBody body = new BoundedBody(settings.maxBodyBytes());
                alarms.add(timer.schedule(
                        () -> body.expire("the body did not arrive within "
                                + settings.bodyTimeout().toMillis() + " ms (HTTP " + info.statusCode() + ")"),
                        settings.bodyTimeout().toMillis(),
                        TimeUnit.MILLISECONDS));
                return body;
            });
            wait = retryAfter(r);
            return new Exchange(r.statusCode(), r.headers(), r.body());
        } finally {
            alarms.forEach(a -> a.cancel(false));
            if (wait.compareTo(settings.maxRetryAfter()) > 0) {
                hostsOutOfTurn.add(host);
            }
            gates.release(host, wait);
        }
    }

    private static Duration retryAfter(HttpResponse<?> r) {
        if (r.statusCode() != 429 && r.statusCode() != 503) {
            return Duration.ZERO;
        }
        Optional<String> value = r.headers().firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.get())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return Duration.ZERO;
            }
        }
    }

    /** The robots.txt rules of the URL's origin, fetched once per run. */
    private RobotsRules robotsOf(URI u) throws IOException, InterruptedException, OutOfTurnException {
        String origin = LinkUrls.origin(u);
        CompletableFuture<RobotsRules> mine = new CompletableFuture<>();
        CompletableFuture<RobotsRules> known = robots.putIfAbsent(origin, mine);
        if (known != null) {
            return await(known);
        }
        try {
            RobotsRules rules = fetchRobots(URI.create(origin + "/robots.txt"));
            // Honoured up to the longest wait a run accepts (Retry-After's), so that one host cannot stall a run.
            Duration delay = rules.crawlDelay();
            gates.slowDown(
                    u.getHost(), delay.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : delay);
            mine.complete(rules);
        } catch (IOException | OutOfTurnException | InterruptedException | RuntimeException e) {
            robots.remove(origin);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /**
     * RFC 9309 2.3.1: 2xx rules apply, 4xx means no rules, 5xx blocks the host. A connection that fails is thrown,
     * so the URL is recorded with that failure (refused, timeout...) rather than as blocked.
     */
    private RobotsRules fetchRobots(URI robotsUrl) throws IOException, InterruptedException, OutOfTurnException {
        URI current = robotsUrl;
        for (int hop = 0; hop <= 5; hop++) {
            String refusal = refusal(current);
            if (refusal != null) {
                return RobotsRules.disallowAll(refusal);
            }
            Exchange ex = exchange(current, "GET", Map.of());
            if (ex.code >= 300 && ex.code < 400) {
                URI from = current;
                Optional<URI> next = ex.headers.firstValue("Location").flatMap(l -> resolve(from, l));
                if (next.isEmpty()) {
                    break;
                }
                current = next.get();
            } else if (ex.code >= 200 && ex.code < 300) {
                return RobotsRules.parse(new String(ex.body, StandardCharsets.UTF_8), CheckSettings.ROBOTS_TOKEN);
            } else if (ex.code >= 400 && ex.code < 500) {
                return RobotsRules.ALLOW_ALL;
            } else {
                return RobotsRules.disallowAll(robotsUrl + " answering " + ex.code);
            }
        }
        return RobotsRules.ALLOW_ALL;
    }

    private static <T> T await(CompletableFuture<T> f) throws IOException, InterruptedException, OutOfTurnException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutOfTurnException o) {
                throw o;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether a 200 page resembles the host's answer to a random path (asked once per origin per run). */
    private boolean looksLikeNotFound(URI page, Exchange answer)
            throws IOException, InterruptedException, OutOfTurnException {
        if (LinkUrls.pathAndQuery(page).equals("/")) {
            return false;
        }
        String origin = LinkUrls.origin(page);
        CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<String>> known = notFoundPages.putIfAbsent(origin, mine);
        Optional<String> probe;
        if (known != null) {
            probe = await(known);
        } else {
            try {
                URI random = URI.create(origin + "/" + UUID.randomUUID() + "-atlas-link-check-probe");
                Exchange ex = exchange(random, "GET", Map.of());
                mine.complete(
                        ex.code == 200 ? Optional.of(new String(ex.body, StandardCharsets.UTF_8)) : Optional.empty());
            } catch (IOException | RuntimeException | InterruptedException | OutOfTurnException e) {
                notFoundPages.remove(origin);
                mine.completeExceptionally(e);
                throw e;
            }
            probe = mine.join();
        }
        if (probe.isEmpty()) {
            return false;
        }
        byte[] body = answer.body.length > 0 ? answer.body : exchange(page, "GET", Map.of()).body;
        return similarity(new String(body, StandardCharsets.UTF_8), probe.get()) >= SOFT_404_SIMILARITY;
    }

    /** Jaccard similarity of the pages' word sets. */
    static double similarity(String a, String b) {
        Set<String> x = words(a);
        Set<String> y = words(b);
        if (x.isEmpty() && y.isEmpty()) {
            return 1;
        }
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        Set<String> either = new HashSet<>(x);
        either.addAll(y);
        return (double) both.size() / either.size();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    static LinkStatus statusOf(int code) {
        if (code >= 200 && code < 300) {
            return LinkStatus.OK;
        }
        return switch (code) {
            case 401, 403, 429 -> LinkStatus.BLOCKED;
            case 410 -> LinkStatus.GONE;
            default -> code >= 400 && code < 500 ? LinkStatus.NOT_FOUND : LinkStatus.SERVER_ERROR;
        };
    }

    static LinkStatus statusOf(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BoundedBody.BodyTimeoutException || t instanceof HttpTimeoutException) {
                return LinkStatus.TIMEOUT;
            }
            if (t instanceof SSLException) {
                return LinkStatus.TLS_ERROR;
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return LinkStatus.DNS_FAILURE;
            }
            if (t instanceof ConnectException) {
                return LinkStatus.REFUSED;
            }
        }
        return LinkStatus.REFUSED;
    }

    private static String describe(IOException e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 300; t = t.getCause()) {
            if (s.length() > 0) {
                s.append(": ");
            }
            s.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return s.toString();
    }
}
