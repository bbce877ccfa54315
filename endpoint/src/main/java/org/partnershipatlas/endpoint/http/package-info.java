/**
 * HTTP plumbing shared by the Atlas's own servlets: content negotiation, the request guard, and errors. Servlets
 * throw ({@code HttpErrorException} or their module's exception); {@code HttpErrors} holds the one table from
 * exception families to statuses and writes every error body.
 */
package org.partnershipatlas.endpoint.http;
