package org.partnershipatlas.bench;

/** How the national tables write figures: milliseconds and rates with as many decimals as their size needs. */
final class Figures {
    private Figures() {}

    /** Milliseconds: no decimals from 100, one from 10, two below; empty for NaN. */
    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "";
        }
        return millis >= 100
                ? String.format("%.0f", millis)
                : millis >= 10 ? String.format("%.1f", millis) : String.format("%.2f", millis);
    }

    /** Requests (or anything) per second: no decimals from 10, two below. */
    static String rate(double perSecond) {
        return perSecond >= 10 ? String.format("%.0f", perSecond) : String.format("%.2f", perSecond);
    }
}
