/**
 * A deterministic generator of synthetic source files for national-scale benchmarks: {@link Generator} writes
 * localities, organisations, partnerships, memberships, guidance, resources and cases in the Atlas's own CSV
 * formats, with copies of the concept schemes, so that the output folder loads on its own. The same arguments
 * always give the same bytes; files are written row by row, so memory does not grow with the size of the output.
 */
package org.partnershipatlas.loaders.generate;
