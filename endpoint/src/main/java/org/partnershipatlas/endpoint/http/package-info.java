/** HTTP plumbing shared by the Atlas's own servlets: content negotiation and error responses. */
package org.partnershipatlas.endpoint.http;
