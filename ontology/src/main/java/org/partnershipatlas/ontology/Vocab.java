package org.partnershipatlas.ontology;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Terms of reused vocabularies that Jena has no constants for (PROV-O, SPARQL Service Description, SPDX, ORG, Data Cube,
 * schema.org as the
 * Atlas spells it) and that Java code uses.
 * Only the terms used are here.
 */
public final class Vocab {
    private Vocab() {}

    /** W3C PROV-O. */
    public static final class PROV {
        public static final String NS = "http://www.w3.org/ns/prov#";
        public static final Resource Activity = ResourceFactory.createResource(NS + "Activity");
        public static final Resource Entity = ResourceFactory.createResource(NS + "Entity");
        public static final Resource SoftwareAgent = ResourceFactory.createResource(NS + "SoftwareAgent");
        public static final Property used = ResourceFactory.createProperty(NS + "used");
        public static final Property wasGeneratedBy = ResourceFactory.createProperty(NS + "wasGeneratedBy");
        public static final Property wasDerivedFrom = ResourceFactory.createProperty(NS + "wasDerivedFrom");
        public static final Property wasAssociatedWith = ResourceFactory.createProperty(NS + "wasAssociatedWith");
        public static final Property wasInfluencedBy = ResourceFactory.createProperty(NS + "wasInfluencedBy");
        public static final Property generatedAtTime = ResourceFactory.createProperty(NS + "generatedAtTime");
        public static final Property startedAtTime = ResourceFactory.createProperty(NS + "startedAtTime");
        public static final Property endedAtTime = ResourceFactory.createProperty(NS + "endedAtTime");

        private PROV() {}
    }

    /** SPARQL 1.1 Service Description: the service, and named graphs by their names. */
    public static final class SD {
        public static final String NS = "http://www.w3.org/ns/sparql-service-description#";
        public static final Resource NamedGraph = ResourceFactory.createResource(NS + "NamedGraph");
        public static final Property name = ResourceFactory.createProperty(NS + "name");

        private SD() {}
    }

    /** Activity Streams 2.0: the change log is an ordered collection whose {@code as:last} is its newest entry. */
    public static final class AS {
        public static final String NS = "https://www.w3.org/ns/activitystreams#";
        public static final Resource OrderedCollection = ResourceFactory.createResource(NS + "OrderedCollection");
        public static final Property last = ResourceFactory.createProperty(NS + "last");
        /** On a replica, each change-log entry it has applied (so that one sent again is not applied twice). */
        public static final Property items = ResourceFactory.createProperty(NS + "items");
        /** The kinds of a version in the Linked Data Event Stream: the resource appeared, changed or went. */
        public static final Resource Create = ResourceFactory.createResource(NS + "Create");

        public static final Resource Update = ResourceFactory.createResource(NS + "Update");
        public static final Resource Delete = ResourceFactory.createResource(NS + "Delete");

        private AS() {}
    }

    /** TREE hypermedia (https://w3id.org/tree/specification): the pages of the event stream and their links. */
    public static final class TREE {
        public static final String NS = "https://w3id.org/tree#";
        public static final Resource Node = ResourceFactory.createResource(NS + "Node");
        public static final Resource GreaterThanOrEqualToRelation =
                ResourceFactory.createResource(NS + "GreaterThanOrEqualToRelation");
        public static final Property view = ResourceFactory.createProperty(NS + "view");
        public static final Property member = ResourceFactory.createProperty(NS + "member");
        public static final Property relation = ResourceFactory.createProperty(NS + "relation");
        public static final Property node = ResourceFactory.createProperty(NS + "node");
        public static final Property path = ResourceFactory.createProperty(NS + "path");
        public static final Property value = ResourceFactory.createProperty(NS + "value");

        private TREE() {}
    }

    /** Linked Data Event Streams (SEMIC, https://w3id.org/ldes/specification). */
    public static final class LDES {
        public static final String NS = "https://w3id.org/ldes#";
        public static final Resource EventStream = ResourceFactory.createResource(NS + "EventStream");
        public static final Property versionOfPath = ResourceFactory.createProperty(NS + "versionOfPath");
        public static final Property timestampPath = ResourceFactory.createProperty(NS + "timestampPath");

        private LDES() {}
    }

    /** DCAT 3 terms for versions, which Jena's {@code DCAT} (DCAT 2) lacks. */
    public static final class DCAT3 {
        public static final String NS = "http://www.w3.org/ns/dcat#";
        public static final Property version = ResourceFactory.createProperty(NS + "version");
        public static final Property hasVersion = ResourceFactory.createProperty(NS + "hasVersion");
        public static final Property hasCurrentVersion = ResourceFactory.createProperty(NS + "hasCurrentVersion");
        public static final Property previousVersion = ResourceFactory.createProperty(NS + "previousVersion");

        private DCAT3() {}
    }

    /** ADMS, as DCAT 3 uses it for a version's notes, and for a document's status (current, superseded, withdrawn). */
    public static final class ADMS {
        public static final String NS = "http://www.w3.org/ns/adms#";
        public static final Property versionNotes = ResourceFactory.createProperty(NS + "versionNotes");
        public static final Property status = ResourceFactory.createProperty(NS + "status");

        private ADMS() {}
    }

    /** SPDX, as DCAT 3 uses it for checksums. */
    public static final class SPDX {
        public static final String NS = "http://spdx.org/rdf/terms#";
        public static final Resource Checksum = ResourceFactory.createResource(NS + "Checksum");
        public static final Resource checksumAlgorithm_sha256 =
                ResourceFactory.createResource(NS + "checksumAlgorithm_sha256");
        public static final Property checksum = ResourceFactory.createProperty(NS + "checksum");
        public static final Property algorithm = ResourceFactory.createProperty(NS + "algorithm");
        public static final Property checksumValue = ResourceFactory.createProperty(NS + "checksumValue");

        private SPDX() {}
    }

    /** W3C ORG: the membership terms the precomputed overlaps read. */
    public static final class ORG {
        public static final String NS = "http://www.w3.org/ns/org#";
        public static final Property member = ResourceFactory.createProperty(NS + "member");
        public static final Property organization = ResourceFactory.createProperty(NS + "organization");
        public static final Property purpose = ResourceFactory.createProperty(NS + "purpose");
        public static final Resource Membership = ResourceFactory.createResource(NS + "Membership");
        public static final Resource Organization = ResourceFactory.createResource(NS + "Organization");
        public static final Resource FormalOrganization = ResourceFactory.createResource(NS + "FormalOrganization");
        public static final Property role = ResourceFactory.createProperty(NS + "role");
        public static final Property classification = ResourceFactory.createProperty(NS + "classification");

        private ORG() {}
    }

    /** The W3C RDF Data Cube vocabulary and the SDMX area dimension, for the precomputed counts. */
    public static final class QB {
        public static final String NS = "http://purl.org/linked-data/cube#";
        public static final Resource DataSet = ResourceFactory.createResource(NS + "DataSet");
        public static final Resource Observation = ResourceFactory.createResource(NS + "Observation");
        public static final Property dataSet = ResourceFactory.createProperty(NS + "dataSet");
        public static final Property structure = ResourceFactory.createProperty(NS + "structure");
        public static final Property refArea =
                ResourceFactory.createProperty("http://purl.org/linked-data/sdmx/2009/dimension#refArea");

        private QB() {}
    }

    /** schema.org, with the https namespace the Atlas's prefix map uses (Jena's SchemaDO has http). */
    public static final class SCHEMA {
        public static final String NS = "https://schema.org/";
        /** Where an archived copy of a page is (schema.org 14+). */
        public static final Property archivedAt = ResourceFactory.createProperty(NS + "archivedAt");
        /** When an organisation (a partnership) ended. */
        public static final Property dissolutionDate = ResourceFactory.createProperty(NS + "dissolutionDate");

        private SCHEMA() {}
    }
}
