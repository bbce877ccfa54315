package org.partnershipatlas.queries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the grlc-style header of a query file: leading lines {@code #+ key: value}, where a key with no value
 * takes the following {@code #+   - item} lines as a list, and an item {@code - name: value} is an entry of a
 * map (as grlc's {@code defaults} and the Atlas's {@code examples} are written).
 */
final class QueryHeader {
    private final Map<String, Object> entries;

    private QueryHeader(Map<String, Object> entries) {
        this.entries = entries;
    }

    static QueryHeader parse(String text) {
        Map<String, Object> entries = new LinkedHashMap<>();
        String listKey = null;
        for (String line : text.split("\\R")) {
            if (!line.startsWith("#+")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                break;
            }
            String body = line.substring(2).strip();
            if (body.startsWith("- ") && listKey != null) {
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) entries.get(listKey);
                list.add(body.substring(2).strip());
                continue;
            }
            int colon = body.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Header line is not 'key: value': " + line);
            }
            String key = body.substring(0, colon).strip();
            String value = body.substring(colon + 1).strip();
            if (value.isEmpty()) {
                entries.put(key, new ArrayList<String>());
                listKey = key;
            } else {
                entries.put(key, value);
                listKey = null;
            }
        }
        return new QueryHeader(entries);
    }

    String string(String key) {
        Object v = entries.get(key);
        return v instanceof String s ? s : null;
    }

    List<String> list(String key) {
        Object v = entries.get(key);
        if (v instanceof List<?> list) {
            return list.stream().map(Object::toString).toList();
        }
        return v == null ? List.of() : List.of(v.toString());
    }

    /** A list of {@code name: value} items as a map. */
    Map<String, String> map(String key) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String item : list(key)) {
            int colon = item.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + key + "' items must be 'name: value', not: " + item);
            }
            map.put(item.substring(0, colon).strip(), item.substring(colon + 1).strip());
        }
        return map;
    }
}
