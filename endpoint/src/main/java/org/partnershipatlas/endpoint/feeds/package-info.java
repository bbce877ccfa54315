/**
 * The change feeds of the releases: the Linked Data Event Stream at {@code /ldes} (TREE pages of entity versions, one
 * run of immutable pages per release) and the Atom feed at {@code /changes.atom} for people.
 */
package org.partnershipatlas.endpoint.feeds;
