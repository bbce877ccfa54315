/** {@code /health} and {@code /ready}: whether the server is up and whether its store accepts writes. */
package org.partnershipatlas.endpoint.health;
