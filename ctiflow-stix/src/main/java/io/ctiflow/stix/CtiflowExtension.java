package io.ctiflow.stix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one ctiflow STIX extension: a property-extension that carries the common taxonomy and the
 * provenance of an object (source connector, source record id, origin jurisdiction, personal-data
 * classes, classification). The jurisdiction filter reads it and may strip it on the way out.
 */
public final class CtiflowExtension {

    public static final String ID = "extension-definition--" + StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, "ctiflow-provenance-extension/1.0");
    public static final String IDENTITY_ID = StixIds.namedObjectId("identity", "ctiflow");
    public static final String SCHEMA_URL = "https://github.com/ctiflow/ctiflow/blob/main/mappings/schema/ctiflow-extension.schema.json";
    /** The one version timestamp of objects ctiflow synthesises from names (identities, malware families, this extension). */
    public static final String SYNTHESISED = "2026-11-23T00:00:00.000Z";

    private CtiflowExtension() {
    }

    /** The identity that creates the extension definition and every object ctiflow synthesises. */
    public static ObjectNode identity() {
        ObjectNode id = identity(IDENTITY_ID, "ctiflow", "system", null);
        id.put("description", "ctiflow threat-intelligence normalisation and sharing pipeline");
        return id;
    }

    /**
     * An identity ctiflow synthesises (itself, a feed's provider): its content depends only on the
     * name, so it carries one fixed version timestamp and re-ingesting never makes a new version.
     */
    public static ObjectNode identity(String id, String name, String identityClass, String createdByRef) {
        ObjectNode identity = JsonNodeFactory.instance.objectNode();
        identity.put("type", "identity");
        identity.put("spec_version", "2.1");
        identity.put("id", id);
        if (createdByRef != null) {
            identity.put("created_by_ref", createdByRef);
        }
        identity.put("created", SYNTHESISED);
        identity.put("modified", SYNTHESISED);
        identity.put("name", name);
        identity.put("identity_class", identityClass);
        return identity;
    }

    public static ObjectNode definition() {
        ObjectNode def = JsonNodeFactory.instance.objectNode();
        def.put("type", "extension-definition");
        def.put("spec_version", "2.1");
        def.put("id", ID);
        def.put("created_by_ref", IDENTITY_ID);
        def.put("created", SYNTHESISED);
        def.put("modified", SYNTHESISED);
        def.put("name", "ctiflow provenance and taxonomy");
        def.put("description", "Source, source record, origin jurisdiction, personal-data classes and common-taxonomy "
                + "classification of an object, as ctiflow ingested it; read by ctiflow's jurisdiction filter.");
        def.put("schema", SCHEMA_URL);
        def.put("version", "1.0");
        def.putArray("extension_types").add("property-extension");
        return def;
    }
}
