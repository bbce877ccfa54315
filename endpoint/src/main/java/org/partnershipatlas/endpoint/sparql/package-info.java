/** How the store is published over the SPARQL 1.1 protocols: the read-only dataset service and its parts. */
package org.partnershipatlas.endpoint.sparql;
