/**
 * The gatekeeper: checks a proposed partnership against the partnerships that already exist
 * ({@link org.partnershipatlas.gatekeeper.Gatekeeper}), scores each overlap with its reasons, recommends by
 * documented rules ({@link org.partnershipatlas.gatekeeper.GatekeeperConfig}), records decisions, and reports on
 * the partnership map of a locality ({@link org.partnershipatlas.gatekeeper.RationalisationReport}, made by
 * {@code RationalisationReporter}). Both read a locality's partnerships through {@code Candidates} and measure
 * overlap by the one definition in {@code Overlaps}; laying the report out for drawing is the endpoint's job.
 */
package org.partnershipatlas.gatekeeper;
