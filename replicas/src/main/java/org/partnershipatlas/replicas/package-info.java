/**
 * Read replicas kept in step through Apache Kafka: {@link org.partnershipatlas.replicas.EntryPublisher} sends each
 * change-log entry to one topic (one partition, a transactional producer) before the writer's commit counts, and
 * {@link org.partnershipatlas.replicas.ReplicaApplier} applies each entry exactly once, storing the entry's offset and
 * id in the same TDB2 transaction as its data. A snapshot entry (a bulk load or restore on the writer) names a release,
 * which a replica fetches from the writer ({@link org.partnershipatlas.replicas.ReleaseSource}), verifies and swaps in
 * whole; a new replica, or one whose offset fell out of the topic's retention, starts from the newest release.
 */
package org.partnershipatlas.replicas;
