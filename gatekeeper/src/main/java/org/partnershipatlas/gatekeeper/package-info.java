/**
 * The gatekeeper: checks a proposed partnership against the partnerships that already exist
 * ({@link org.partnershipatlas.gatekeeper.Gatekeeper}), scores each overlap with its reasons, recommends by
 * documented rules ({@link org.partnershipatlas.gatekeeper.GatekeeperConfig}), records decisions, and reports on
 * the partnership map of a locality ({@link org.partnershipatlas.gatekeeper.RationalisationReport}).
 */
package org.partnershipatlas.gatekeeper;
