/**
 * What the library's heaviest questions need, computed by every load in Java (one locality at a time, so memory
 * follows the size of a locality, not of the store) and written to graphs of their own: overlapping pairs of
 * partnerships ({@code graph/overlaps}) and counts of partnerships and guidance per problem domain and locality as
 * W3C Data Cube observations ({@code graph/statistics}). The library's queries read them; the plain forms in
 * {@code plain/} answer the same questions from the data alone, and the tests check the two agree.
 */
package org.partnershipatlas.queries.precomputed;
