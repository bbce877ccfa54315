/**
 * Measurements that take minutes and are run by hand ({@code bench/run}), never by {@code mvn verify}: the soak test
 * ({@link org.partnershipatlas.bench.Soak}) and the heavy-versus-light query benchmark
 * ({@link org.partnershipatlas.bench.Starvation}). Each starts a real Atlas server on loopback with the sample data
 * and talks to it over HTTP, and prints Markdown for {@code BENCHMARKS.md}.
 */
package org.partnershipatlas.bench;
