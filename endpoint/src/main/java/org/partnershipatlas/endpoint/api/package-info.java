/**
 * The query API: {@code /api/queries} lists the library (JSON, or the examples page for people),
 * {@code /api/queries/{name}} runs one named query with typed parameters, and {@code /api/openapi.json} describes
 * it all in OpenAPI 3, generated from the {@code .rq} headers.
 */
package org.partnershipatlas.endpoint.api;
