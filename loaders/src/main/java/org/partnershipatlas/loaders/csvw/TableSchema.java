package org.partnershipatlas.loaders.csvw;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonException;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.shared.PrefixMapping;
import org.partnershipatlas.ontology.AtlasOntology;

/**
 * A CSVW table description: the row's subject template ({@code aboutUrl}), the columns and the primary key.
 * Prefixed names ({@code pa:Partnership}) are expanded with the Atlas prefix map.
 *
 * <pre>
 *   TableSchema schema = TableSchema.read(in, "partnerships.csv-metadata.json");
 * </pre>
 */
public final class TableSchema {
    private static final Pattern PREFIXED = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*):([A-Za-z0-9_.-]*)");

    private final String title;
    private final UriTemplate aboutUrl;
    private final List<Column> columns;
    private final List<String> primaryKey;

    private TableSchema(String title, UriTemplate aboutUrl, List<Column> columns, List<String> primaryKey) {
        this.title = title;
        this.aboutUrl = aboutUrl;
        this.columns = List.copyOf(columns);
        this.primaryKey = List.copyOf(primaryKey);
    }

    /** Reads CSVW metadata JSON; {@code name} is used in error messages. */
    public static TableSchema read(InputStream in, String name) throws IOException {
        JsonObject root;
        try {
            root = JSON.parse(in);
        } catch (JsonException e) {
            throw new IllegalArgumentException(name + ": not valid JSON: " + e.getMessage(), e);
        }
        try {
            return fromJson(root);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static TableSchema fromJson(JsonObject root) {
        PrefixMapping prefixes = AtlasOntology.prefixes();
        JsonObject schema = root.get("tableSchema").getAsObject();
        String title =
                root.hasKey("dc:title") ? root.get("dc:title").getAsString().value() : null;
        UriTemplate aboutUrl = UriTemplate.parse(string(schema, "aboutUrl"));
        List<Column> columns = new ArrayList<>();
        for (JsonValue v : schema.get("columns").getAsArray()) {
            columns.add(column(v.getAsObject(), prefixes));
        }
        List<String> primaryKey = new ArrayList<>();
        JsonValue pk = schema.get("primaryKey");
        if (pk != null && pk.isString()) {
            primaryKey.add(pk.getAsString().value());
        } else if (pk != null) {
            for (JsonValue k : (JsonArray) pk) {
                primaryKey.add(k.getAsString().value());
            }
        }
        TableSchema table = new TableSchema(title, aboutUrl, columns, primaryKey);
        for (String var : aboutUrl.variables()) {
            table.column(var).orElseThrow(() -> new IllegalArgumentException("aboutUrl uses unknown column " + var));
        }
        return table;
    }

    private static Column column(JsonObject c, PrefixMapping prefixes) {
        boolean virtual = bool(c, "virtual");
        boolean suppress = bool(c, "suppressOutput");
        String name = c.hasKey("name") ? string(c, "name") : null;
        if (name == null && !virtual) {
            throw new IllegalArgumentException("a column needs a name");
        }
        String property = c.hasKey("propertyUrl") ? expand(string(c, "propertyUrl"), prefixes) : null;
        if (property == null && !suppress) {
            throw new IllegalArgumentException("column " + name + " needs a propertyUrl or suppressOutput");
        }
        UriTemplate valueUrl = c.hasKey("valueUrl") ? UriTemplate.parse(expand(string(c, "valueUrl"), prefixes)) : null;
        return new Column(
                name == null ? "(virtual " + property + ")" : name,
                bool(c, "required"),
                suppress,
                virtual,
                property,
                valueUrl,
                CellDatatype.of(c.get("datatype")),
                c.hasKey("separator") ? string(c, "separator") : null,
                c.hasKey("lang") ? string(c, "lang") : null,
                c.hasKey("default") ? string(c, "default") : null,
                c.hasKey("dc:description") ? string(c, "dc:description") : null);
    }

    /** Expands a prefixed name such as {@code pa:Partnership}; leaves templates and absolute IRIs alone. */
    private static String expand(String text, PrefixMapping prefixes) {
        Matcher m = PREFIXED.matcher(text);
        if (m.matches() && prefixes.getNsPrefixURI(m.group(1)) != null) {
            return prefixes.getNsPrefixURI(m.group(1)) + m.group(2);
        }
        return text;
    }

    private static String string(JsonObject obj, String key) {
        JsonValue v = obj.get(key);
        if (v == null || !v.isString()) {
            throw new IllegalArgumentException("expected a string for '" + key + "'");
        }
        return v.getAsString().value();
    }

    private static boolean bool(JsonObject obj, String key) {
        return obj.hasKey(key) && obj.get(key).getAsBoolean().value();
    }

    public String title() {
        return title;
    }

    public UriTemplate aboutUrl() {
        return aboutUrl;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The columns that appear in the CSV (all but the virtual ones). */
    public List<Column> physicalColumns() {
        return columns.stream().filter(c -> !c.virtual()).toList();
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The (non-virtual) column whose values are the objects of this property, if there is exactly one. */
    public Optional<Column> columnForProperty(String propertyIri) {
        List<Column> found = physicalColumns().stream()
                .filter(c -> propertyIri.equals(c.propertyUrl()))
                .toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
