/**
 * The change feeds of the releases: the Linked Data Event Stream (every release's changed resources as versions,
 * {@link org.partnershipatlas.loaders.feeds.ResourceVersions}, written once into pages of bounded size beside the
 * releases, {@link org.partnershipatlas.loaders.feeds.LdesPages}), and the changes for people with what each changed
 * resource is about ({@link org.partnershipatlas.loaders.feeds.ChangeEntries}), for the Atom feed.
 */
package org.partnershipatlas.loaders.feeds;
