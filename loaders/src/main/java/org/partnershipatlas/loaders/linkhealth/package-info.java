/**
 * Link health: checks every outbound URL of the Atlas politely (one request in flight per host, at least a second
 * apart, robots.txt, Retry-After, conditional requests), classifies each answer in the link-status SKOS scheme,
 * and declares a link dead only after repeated failures over days ({@link
 * org.partnershipatlas.loaders.linkhealth.LinkRecord#next}). {@link org.partnershipatlas.loaders.linkhealth.LinkChecker}
 * does the checking and knows nothing of the store; {@link org.partnershipatlas.loaders.linkhealth.LinkHealthGraph}
 * reads and writes the derived graph {@code {base}graph/link-health}.
 */
package org.partnershipatlas.loaders.linkhealth;
