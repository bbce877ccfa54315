package org.partnershipatlas.loaders.linkhealth;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of a robots.txt file for one product token, as RFC 9309 reads them: the groups naming the token (or
 * {@code *} when none does), merged; the longest matching rule wins and {@code allow} wins a tie; {@code *} matches
 * any characters and a final {@code $} anchors the end. Also the group's {@code Crawl-delay} (seconds between
 * requests; not in RFC 9309, but widely written and meant for crawlers like this one): the longest one given.
 */
public final class RobotsRules {
    /** Everything allowed: robots.txt missing (4xx), as RFC 9309 2.3.1.3 says. */
    public static final RobotsRules ALLOW_ALL = new RobotsRules(List.of(), Duration.ZERO, "no robots.txt");
    /** Everything disallowed: robots.txt unreachable (5xx, no answer), as RFC 9309 2.3.1.4 says. */
    public static RobotsRules disallowAll(String why) {
        return new RobotsRules(List.of(new Rule(false, "/")), Duration.ZERO, why);
    }

    private record Rule(boolean allow, String path) {
        boolean matches(String target) {
            StringBuilder regex = new StringBuilder();
            String p = path;
            boolean anchored = p.endsWith("$");
            if (anchored) {
                p = p.substring(0, p.length() - 1);
            }
            for (String part : p.split("\\*", -1)) {
                if (regex.length() > 0 || p.startsWith("*")) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex + (anchored ? "" : ".*"), Pattern.DOTALL)
                    .matcher(target)
                    .matches();
        }
    }

    private final List<Rule> rules;
    private final Duration crawlDelay;
    private final String source;

    private RobotsRules(List<Rule> rules, Duration crawlDelay, String source) {
        this.rules = rules;
        this.crawlDelay = crawlDelay;
        this.source = source;
    }

    /** Parses a robots.txt body for {@code productToken} (compared case-insensitively). */
    public static RobotsRules parse(String text, String productToken) {
        String token = productToken.toLowerCase(Locale.ROOT);
        List<Rule> mine = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        Duration myDelay = Duration.ZERO;
        Duration starDelay = Duration.ZERO;
        List<String> agents = new ArrayList<>();
        boolean inRules = false;
        boolean named = false;
        for (String raw : text.split("\\r?\\n|\\r")) {
            String line = raw.replaceFirst("#.*", "").strip();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (inRules) {
                    agents.clear();
                    inRules = false;
                }
                agents.add(value.toLowerCase(Locale.ROOT));
                named |= agents.contains(token);
            } else if (key.equals("allow") || key.equals("disallow")) {
                inRules = true;
                if (value.isEmpty()) {
                    continue;
                }
                Rule rule = new Rule(key.equals("allow"), value);
                if (agents.contains(token)) {
                    mine.add(rule);
                }
                if (agents.contains("*")) {
                    star.add(rule);
                }
            } else if (key.equals("crawl-delay")) {
                inRules = true;
                Duration delay = seconds(value);
                if (agents.contains(token)) {
                    myDelay = longer(myDelay, delay);
                }
                if (agents.contains("*")) {
                    starDelay = longer(starDelay, delay);
                }
            }
        }
        return new RobotsRules(List.copyOf(named ? mine : star), named ? myDelay : starDelay, "robots.txt");
    }

    /** A Crawl-delay value in (decimal) seconds; zero for what is not a non-negative number. */
    private static Duration seconds(String value) {
        try {
            BigDecimal s = new BigDecimal(value);
            return s.signum() < 0
                    ? Duration.ZERO
                    : Duration.ofMillis(s.movePointRight(3).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            return Duration.ZERO;
        }
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Whether the path and query of a URL ({@code /a/b?c}) may be fetched. */
    public boolean allows(String pathAndQuery) {
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.matches(pathAndQuery)
                    && (best == null
                            || rule.path.length() > best.path.length()
                            || (rule.path.length() == best.path.length() && rule.allow))) {
                best = rule;
            }
        }
        return best == null || best.allow;
    }

    /** How long to wait between two requests to the host, as its robots.txt asks (zero when it does not). */
    public Duration crawlDelay() {
        return crawlDelay;
    }

    /** Where the rules came from, for the detail of a blocked check. */
    public String source() {
        return source;
    }
}
