package org.partnershipatlas.queries;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.sparql.core.Var;

/**
 * A query parameter, read from a BASIL variable in the query text: {@code ?_name} is required, {@code ?__name}
 * optional; the suffix {@code _iri} makes it an IRI, {@code _xsd_<type>} a literal of that XSD datatype, and
 * anything else a plain string. {@code ?_locality_iri} is the required IRI parameter {@code locality}.
 *
 * @param name the parameter name users give (no underscores prefix, no type suffix)
 * @param variable the SPARQL variable it binds
 * @param kind IRI or literal
 * @param datatype the literal's datatype (xsd:string for plain strings); null for IRIs
 * @param required true for {@code ?_name}, false for {@code ?__name}
 * @param example the example value from the header, or null
 */
public record Param(String name, Var variable, Kind kind, RDFDatatype datatype, boolean required, String example) {
    /** What kind of RDF term a parameter takes. */
    public enum Kind {
        IRI,
        LITERAL
    }

    /** A BASIL parameter variable: one or two underscores, then a name. */
    static final Pattern VARIABLE = Pattern.compile("[?$](__?)([A-Za-z][A-Za-z0-9_]*)");

    private static final Pattern TYPED = Pattern.compile("(.+)_xsd_([A-Za-z]+)");

    /** Reads a parameter from a variable name such as {@code _locality_iri}; null if it is not a parameter. */
    static Param fromVariable(String varName, String example) {
        Matcher m = VARIABLE.matcher("?" + varName);
        if (!m.matches()) {
            return null;
        }
        boolean required = m.group(1).length() == 1;
        String rest = m.group(2);
        Var var = Var.alloc(varName);
        if (rest.endsWith("_iri")) {
            return new Param(rest.substring(0, rest.length() - 4), var, Kind.IRI, null, required, example);
        }
        Matcher typed = TYPED.matcher(rest);
        if (typed.matches()) {
            RDFDatatype dt =
                    TypeMapper.getInstance().getTypeByName("http://www.w3.org/2001/XMLSchema#" + typed.group(2));
            if (dt == null) {
                throw new IllegalArgumentException("?" + varName + ": unknown XSD datatype " + typed.group(2));
            }
            return new Param(typed.group(1), var, Kind.LITERAL, dt, required, example);
        }
        return new Param(
                rest, var, Kind.LITERAL, org.apache.jena.datatypes.xsd.XSDDatatype.XSDstring, required, example);
    }

    /** How the parameter is described to people: "IRI", "xsd:integer", "text". */
    public String typeName() {
        if (kind == Kind.IRI) {
            return "IRI";
        }
        String uri = datatype.getURI();
        return uri.endsWith("#string") ? "text" : "xsd:" + uri.substring(uri.indexOf('#') + 1);
    }
}
