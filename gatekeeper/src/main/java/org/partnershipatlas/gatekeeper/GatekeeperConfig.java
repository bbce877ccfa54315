package org.partnershipatlas.gatekeeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The gatekeeper's weights and thresholds. Defaults are in {@code gatekeeper.properties} on the classpath (and
 * documented there and in the README); a deployment can override any of them with its own properties file.
 *
 * @param localityWeight weight of working in the proposal's localities (the share of them the partnership works in)
 * @param domainWeight weight of sharing problem domains
 * @param relatedDomainFactor how much a broader or narrower domain counts, against the same domain (1)
 * @param siblingDomainFactor how much a sibling domain (same broader domain) counts
 * @param memberWeight weight of sharing member organisations
 * @param purposeWeight weight of similar purpose text (TF-IDF cosine)
 * @param purposeFloor purpose similarity that is topical evidence by itself, without a related domain
 * @param typeWeight weight of being the same type of partnership
 * @param joinThreshold a score at or above which the recommendation is to join or extend that partnership
 * @param consultThreshold a score at or above which overlaps are reported and the umbrella must be consulted
 * @param minimumOrganisations fewer distinct organisations than this means a partnership is not needed
 * @param reportEdgeThreshold pairs of partnerships this similar are edges of a locality's overlap graph
 */
public record GatekeeperConfig(
        double localityWeight,
        double domainWeight,
        double relatedDomainFactor,
        double siblingDomainFactor,
        double memberWeight,
        double purposeWeight,
        double purposeFloor,
        double typeWeight,
        double joinThreshold,
        double consultThreshold,
        int minimumOrganisations,
        double reportEdgeThreshold) {

    static final String DEFAULTS = "org/partnershipatlas/gatekeeper/gatekeeper.properties";

    /** The documented defaults. */
    public static GatekeeperConfig defaults() {
        try (InputStream in = GatekeeperConfig.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            Properties p = new Properties();
            p.load(in);
            return from(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults overridden by the keys present in a properties file. */
    public static GatekeeperConfig load(Path file) {
        try (InputStream defaults = GatekeeperConfig.class.getClassLoader().getResourceAsStream(DEFAULTS);
                InputStream in = Files.newInputStream(file)) {
            Properties p = new Properties();
            p.load(defaults);
            p.load(in);
            return from(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GatekeeperConfig from(Properties p) {
        GatekeeperConfig c = new GatekeeperConfig(
                number(p, "weight.locality"),
                number(p, "weight.domain"),
                number(p, "factor.relatedDomain"),
                number(p, "factor.siblingDomain"),
                number(p, "weight.member"),
                number(p, "weight.purpose"),
                number(p, "floor.purpose"),
                number(p, "weight.type"),
                number(p, "threshold.join"),
                number(p, "threshold.consult"),
                (int) number(p, "minimum.organisations"),
                number(p, "threshold.reportEdge"));
        if (c.totalWeight() <= 0 || c.consultThreshold() > c.joinThreshold()) {
            throw new IllegalArgumentException("Gatekeeper configuration: weights must add up to more than 0, and "
                    + "threshold.consult must not exceed threshold.join");
        }
        return c;
    }

    private static double number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("Gatekeeper configuration lacks " + key);
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (d < 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Gatekeeper configuration: " + key + " must be a number of 0 or more, not " + v);
        }
    }

    /** The sum of the weights, by which a score is divided so that it lies between 0 and 1. */
    public double totalWeight() {
        return localityWeight + domainWeight + memberWeight + purposeWeight + typeWeight;
    }
}
