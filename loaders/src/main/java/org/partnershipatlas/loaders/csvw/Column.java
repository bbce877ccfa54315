package org.partnershipatlas.loaders.csvw;

/**
 * One column of a CSVW table schema.
 *
 * @param name the column name, as in the CSV header
 * @param required an empty cell is an error
 * @param suppressOutput the column produces no triples (it may still be used in templates)
 * @param virtual the column is not in the CSV; it produces a triple per row from its templates or default
 * @param propertyUrl the predicate IRI (absolute), or null for suppressed columns
 * @param valueUrl the template for an IRI object, or null for a literal object
 * @param datatype checks the cell and makes the literal
 * @param separator splits a cell into several values, or null
 * @param lang language tag for string literals, or null
 * @param defaultValue used when the cell is empty, or null
 * @param description what the column holds, for people
 */
public record Column(
        String name,
        boolean required,
        boolean suppressOutput,
        boolean virtual,
        String propertyUrl,
        UriTemplate valueUrl,
        CellDatatype datatype,
        String separator,
        String lang,
        String defaultValue,
        String description) {}
