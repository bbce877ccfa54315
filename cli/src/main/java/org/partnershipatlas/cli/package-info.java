/**
 * The {@code atlas} command line: {@code load}, {@code serve} and {@code query}, built with picocli. Commands are
 * thin: they parse options, call the loaders, queries and endpoint modules, and print.
 */
package org.partnershipatlas.cli;
