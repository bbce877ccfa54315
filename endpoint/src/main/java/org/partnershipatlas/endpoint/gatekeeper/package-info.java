/**
 * The gatekeeper over HTTP: {@code POST /api/proposals/check} (JSON, Turtle, JSON-LD or a form in; JSON, RDF or a
 * printable HTML report out), the proposal form at {@code /proposals}, decisions at {@code /api/proposals/decisions}
 * (admin only), and rationalisation reports at {@code /reports/{locality}}.
 */
package org.partnershipatlas.endpoint.gatekeeper;
