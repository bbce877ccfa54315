/** Backups of a whole store as checksummed, compressed N-Quads, and rebuilding a store from one. */
package org.partnershipatlas.loaders.backup;
