/** The home page: what the Atlas is, how to reach its endpoint, what data it holds, and example queries. */
package org.partnershipatlas.endpoint.home;
