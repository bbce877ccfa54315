/**
 * Operations that change the Atlas or copy it whole: loading a source over HTTP, reloading the configured sources,
 * taking and fetching backups. All need an admin's credentials and are off unless admins are configured.
 */
package org.partnershipatlas.endpoint.admin;
