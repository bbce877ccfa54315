/**
 * Link health on the web: the curators' report {@code /reports/links} (HTML, JSON, CSV) of the named query
 * {@code links-needing-review}, and {@code POST /admin/check-links}, an admin's link-check run in the background
 * ({@code GET} says how the last one went). Registered by {@link
 * org.partnershipatlas.endpoint.linkhealth.FMod_LinkHealth}.
 */
package org.partnershipatlas.endpoint.linkhealth;
