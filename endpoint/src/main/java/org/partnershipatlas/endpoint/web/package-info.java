/**
 * Shared web plumbing for the Atlas's own pages: FreeMarker templates, static files from the classpath, and what
 * was rendered kept until the data changes ({@code RenderedCache}; {@code CachedPages} for page servlets).
 */
package org.partnershipatlas.endpoint.web;
