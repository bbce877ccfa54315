package org.partnershipatlas.loaders;

/**
 * One thing wrong with a source: where it is (file, line, field) and what was expected.
 *
 * @param file the source file as given by the user
 * @param line the 1-based line of the record in the file, or 0 if not known
 * @param resource the IRI of the resource concerned, or null
 * @param field the column or property concerned, or null
 * @param expected what was expected, in words
 * @param found the offending value, or null
 */
public record LoadProblem(String file, long line, String resource, String field, String expected, String found) {

    /** A problem with a whole file. */
    public static LoadProblem ofFile(String file, String expected) {
        return new LoadProblem(file, 0, null, null, expected, null);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (resource != null && line == 0) {
            sb.append(", resource <").append(resource).append('>');
        }
        if (field != null) {
            sb.append(", field '").append(field).append('\'');
        }
        sb.append(": ").append(expected);
        if (found != null) {
            sb.append("; found '").append(found).append('\'');
        }
        return sb.toString();
    }
}
