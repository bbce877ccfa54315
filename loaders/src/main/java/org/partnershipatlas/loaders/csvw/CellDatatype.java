package org.partnershipatlas.loaders.csvw;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;

/**
 * The datatype of a CSVW column: checks a cell's text and turns it into an RDF literal. Supports the CSVW
 * built-in names the Atlas uses, a {@code format} regular expression for strings, and the Atlas's own
 * {@code partialDate} (YYYY, YYYY-MM or YYYY-MM-DD).
 */
final class CellDatatype {
    enum Base {
        STRING,
        BOOLEAN,
        INTEGER,
        DATE,
        GYEAR,
        PARTIAL_DATE,
        ANY_URI
    }

    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    static final CellDatatype STRING = new CellDatatype(Base.STRING, null);

    private final Base base;
    private final Pattern format;

    private CellDatatype(Base base, Pattern format) {
        this.base = base;
        this.format = format;
    }

    /** From the metadata's {@code datatype}: a name, or an object with {@code base} and {@code format}. */
    static CellDatatype of(JsonValue json) {
        if (json == null) {
            return STRING;
        }
        if (json.isString()) {
            return new CellDatatype(base(json.getAsString().value()), null);
        }
        JsonObject obj = json.getAsObject();
        Base base = obj.hasKey("base") ? base(obj.get("base").getAsString().value()) : Base.STRING;
        Pattern format = null;
        if (obj.hasKey("format")) {
            if (base != Base.STRING) {
                throw new IllegalArgumentException("format is supported only for strings");
            }
            format = Pattern.compile(obj.get("format").getAsString().value());
        }
        return new CellDatatype(base, format);
    }

    private static Base base(String name) {
        return switch (name) {
            case "string" -> Base.STRING;
            case "boolean" -> Base.BOOLEAN;
            case "integer" -> Base.INTEGER;
            case "date" -> Base.DATE;
            case "gYear" -> Base.GYEAR;
            case "partialDate" -> Base.PARTIAL_DATE;
            case "anyURI" -> Base.ANY_URI;
            default -> throw new IllegalArgumentException("Unsupported datatype: " + name);
        };
    }

    Base base() {
        return base;
    }

    /** What a valid value looks like, in words. */
    String expectation() {
        return switch (base) {
            case STRING -> format == null ? "text" : "text matching " + format.pattern();
            case BOOLEAN -> "true or false";
            case INTEGER -> "a whole number";
            case DATE -> "a date YYYY-MM-DD";
            case GYEAR -> "a year YYYY";
            case PARTIAL_DATE -> "a date YYYY, YYYY-MM or YYYY-MM-DD";
            case ANY_URI -> "an absolute http(s) address";
        };
    }

    /** Checks the value; returns its canonical lexical form. */
    String check(String value) throws CellException {
        switch (base) {
            case STRING -> {
                if (format != null && !format.matcher(value).matches()) {
                    throw new CellException("expected " + expectation());
                }
                return value;
            }
            case BOOLEAN -> {
                return switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> "true";
                    case "false", "0" -> "false";
                    default -> throw new CellException("expected " + expectation());
                };
            }
            case INTEGER -> {
                try {
                    return new BigInteger(value).toString();
                } catch (NumberFormatException e) {
                    throw new CellException("expected " + expectation());
                }
            }
            case DATE, GYEAR, PARTIAL_DATE -> {
                checkDate(value);
                return value;
            }
            case ANY_URI -> {
                checkAbsoluteHttp(value);
                return value;
            }
            default -> throw new IllegalStateException(base.toString());
        }
    }

    /** The literal for a checked value; {@code lang} applies to strings only. */
    Node literal(String lexical, String lang) {
        if (base == Base.STRING) {
            return lang != null
                    ? NodeFactory.createLiteralLang(lexical, lang)
                    : NodeFactory.createLiteralString(lexical);
        }
        return NodeFactory.createLiteralDT(lexical, rdfDatatype(lexical));
    }

    private RDFDatatype rdfDatatype(String lexical) {
        return switch (base) {
            case BOOLEAN -> XSDDatatype.XSDboolean;
            case INTEGER -> XSDDatatype.XSDinteger;
            case DATE -> XSDDatatype.XSDdate;
            case GYEAR -> XSDDatatype.XSDgYear;
            case ANY_URI -> XSDDatatype.XSDanyURI;
            case PARTIAL_DATE ->
                YEAR.matcher(lexical).matches()
                        ? XSDDatatype.XSDgYear
                        : YEAR_MONTH.matcher(lexical).matches() ? XSDDatatype.XSDgYearMonth : XSDDatatype.XSDdate;
            case STRING -> XSDDatatype.XSDstring;
        };
    }

    private void checkDate(String value) throws CellException {
        try {
            boolean ok = switch (base) {
                case GYEAR -> YEAR.matcher(value).matches();
                case DATE -> DAY.matcher(value).matches() && LocalDate.parse(value) != null;
                default ->
                    YEAR.matcher(value).matches()
                            || YEAR_MONTH.matcher(value).matches() && YearMonth.parse(value) != null
                            || DAY.matcher(value).matches() && LocalDate.parse(value) != null;
            };
            if (!ok) {
                throw new CellException("expected " + expectation());
            }
        } catch (DateTimeParseException e) {
            throw new CellException("expected " + expectation() + " (no such date)");
        }
    }

    /** An absolute http or https IRI. */
    static void checkAbsoluteHttp(String value) throws CellException {
        try {
            IRIx iri = IRIx.create(value);
            if (!(iri.hasScheme("http") || iri.hasScheme("https")) || iri.hasViolations()) {
                throw new CellException("expected an absolute http(s) address");
            }
        } catch (IRIException e) {
            throw new CellException("expected an absolute http(s) address (" + e.getMessage() + ")");
        }
    }
}
