/**
 * Measurements that take minutes and are run by hand ({@code bench/run}), never by {@code mvn verify}: the soak test
 * ({@link org.partnershipatlas.bench.Soak}), the heavy-versus-light query benchmark
 * ({@link org.partnershipatlas.bench.Starvation}), and the Virtuoso Open Source baseline: a Virtuoso server started and
 * bulk-loaded by the benchmark ({@link org.partnershipatlas.bench.VirtuosoServer}), the library's answers and latency
 * on it compared with the Atlas's ({@link org.partnershipatlas.bench.VirtuosoCompat}) and its bulk-load rate
 * ({@link org.partnershipatlas.bench.VirtuosoLoad}). {@link org.partnershipatlas.bench.SparqlTiming} times a query
 * over HTTP on any endpoint. {@link org.partnershipatlas.bench.NationalQueries} runs the library, the gatekeeper,
 * HTTP concurrency against a bare Fuseki ({@link org.partnershipatlas.bench.ClosedLoop}) and the dump writers on a
 * generated national-scale store. Each starts its servers on loopback and prints Markdown for {@code BENCHMARKS.md}.
 */
package org.partnershipatlas.bench;
