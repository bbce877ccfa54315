/**
 * The Atlas ontology as Java: the {@code pa:} namespace and the terms Java code refers to ({@link PA}), the
 * other vocabularies the Atlas reuses ({@link Vocab}), the ontology graph, SHACL shapes and prefix map
 * ({@link AtlasOntology}), and the rules for minting data IRIs under a canonical base ({@link AtlasIris}).
 * The Turtle files under {@code resources/org/partnershipatlas/ontology/} are the single source of these facts.
 */
package org.partnershipatlas.ontology;
