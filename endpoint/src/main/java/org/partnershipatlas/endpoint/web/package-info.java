/** Shared web plumbing for the Atlas's own pages: FreeMarker templates and static files from the classpath. */
package org.partnershipatlas.endpoint.web;
