package org.partnershipatlas.loaders.csvw;

/** A cell's value does not fit its column: says what was expected. Caught by the mapper, which adds where. */
final class CellException extends Exception {
    private static final long serialVersionUID = 1L;

    CellException(String expected) {
        super(expected, null, false, false);
    }

    String expected() {
        return getMessage();
    }
}
