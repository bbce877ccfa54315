/**
 * The change log: one RDF Patch file per committed change of the data, written and synced before the commit, with
 * the id of the newest entry recorded in the store in the same transaction as the data; entries after that id are
 * set aside when the store is opened, as their commit never happened.
 */
package org.partnershipatlas.loaders.changes;
