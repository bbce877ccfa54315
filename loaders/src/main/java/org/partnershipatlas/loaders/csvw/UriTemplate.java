package org.partnershipatlas.loaders.csvw;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 6570 level-2 URI template as CSVW uses it: literal text with {@code {name}} (simple expansion, the value
 * percent-encoded) and {@code {+name}} (reserved expansion, the value inserted as it is).
 */
public final class UriTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\+?)([A-Za-z_][A-Za-z0-9_]*)}");

    private final String text;
    private final List<Part> parts;

    private record Part(String literal, String variable, boolean reserved) {}

    private UriTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    public static UriTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher m = VARIABLE.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(new Part(text.substring(last, m.start()), null, false));
            }
            parts.add(new Part(null, m.group(2), !m.group(1).isEmpty()));
            last = m.end();
        }
        if (last < text.length()) {
            parts.add(new Part(text.substring(last), null, false));
        }
        String rest = VARIABLE.matcher(text).replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            throw new IllegalArgumentException("Unsupported URI template: " + text);
        }
        return new UriTemplate(text, List.copyOf(parts));
    }

    /** The names of the variables, in order. */
    public List<String> variables() {
        return parts.stream()
                .filter(p -> p.variable() != null)
                .map(Part::variable)
                .toList();
    }

    /** True if the variable is used with reserved expansion ({@code {+name}}). */
    public boolean isReserved(String variable) {
        return parts.stream().anyMatch(p -> variable.equals(p.variable()) && p.reserved());
    }

    /** Expands the template; {@code values} gives each variable's value (never null). */
    public String expand(Function<String, String> values) {
        StringBuilder sb = new StringBuilder();
        for (Part part : parts) {
            if (part.literal() != null) {
                sb.append(part.literal());
            } else if (part.reserved()) {
                sb.append(values.apply(part.variable()));
            } else {
                sb.append(encode(values.apply(part.variable())));
            }
        }
        return sb.toString();
    }

    /** Percent-encodes everything except RFC 3986 unreserved characters. */
    static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
