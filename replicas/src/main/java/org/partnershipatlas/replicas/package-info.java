/**
 * Read replicas kept in step through Apache Kafka: {@link org.partnershipatlas.replicas.EntryPublisher} sends each
 * change-log entry to one topic (one partition, a transactional producer) before the writer's commit counts, and
 * {@link org.partnershipatlas.replicas.ReplicaApplier} applies each entry exactly once, storing the entry's offset and
 * id in the same TDB2 transaction as its data.
 */
package org.partnershipatlas.replicas;
