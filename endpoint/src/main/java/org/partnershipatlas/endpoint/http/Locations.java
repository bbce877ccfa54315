package org.partnershipatlas.endpoint.http;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a {@code Location} a valid URI reference (RFC 3986): every character a URI may not hold after its scheme and
 * authority (a space, a quote, {@code <>[]}, a second {@code #}, a control or non-ASCII character) is
 * percent-encoded as UTF-8, and a {@code %} not followed by two hex digits becomes {@code %25}. What is already
 * valid, reserved characters and good escapes included, is left as it is, so encoding twice changes nothing.
 *
 * <pre>
 *   Locations.encode("/doc/x/a b&lt;c")   // "/doc/x/a%20b%3Cc"
 * </pre>
 *
 * The request guard applies it to every {@code Location} a servlet sets, so no answer of the Atlas can carry one
 * that is not a valid URI.
 */
public final class Locations {
    /** The characters RFC 3986 allows unescaped in a path, query and fragment ('#' once, checked apart). */
    private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            + "-._~" // unreserved
            + ":/?@" // gen-delims that may appear there
            + "!$&'()*+,;="; // sub-delims
    /** A scheme and authority ({@code http://[::1]:3030}), kept as they are. */
    private static final Pattern ORIGIN =
            Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.:\\[\\]@_~%!$&'()*+,;=-]*");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Locations() {}

    /** The location as a valid URI reference; null stays null. */
    public static String encode(String location) {
        if (location == null) {
            return null;
        }
        Matcher origin = ORIGIN.matcher(location);
        String start = origin.find() ? origin.group() : "";
        byte[] bytes = location.substring(start.length()).getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(location.length() + 16).append(start);
        boolean fragment = false;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.append('%');
            } else if (b == '#' && !fragment) {
                fragment = true;
                out.append('#');
            } else if (b < 0x80 && ALLOWED.indexOf(b) >= 0) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F') || (b >= 'a' && b <= 'f');
    }
}
