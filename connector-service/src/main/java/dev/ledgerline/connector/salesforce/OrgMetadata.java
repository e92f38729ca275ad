package dev.ledgerline.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an org has, as its describe calls say: which objects the connected user may query, and each object's fields.
 * The sync asks for no field the org lacks (a SOQL query naming one fails whole), so a multi-currency org's
 * {@code CurrencyIsoCode}, record types and custom fields are read where they exist. Describes cost API calls and
 * rarely change: one instance is kept per connection for a while ({@code ledgerline.salesforce.metadata-ttl}), and an
 * object is described the first time a run needs it.
 */
final class OrgMetadata {
    private final Instant readAt;
    private final Set<String> queryable;
    private final Map<String, Set<String>> fields = new ConcurrentHashMap<>();

    private OrgMetadata(Instant readAt, Set<String> queryable) {
        this.readAt = readAt;
        this.queryable = Set.copyOf(queryable);
    }

    /** The org's objects the user may query ({@code GET /sobjects}). */
    static OrgMetadata read(SalesforceClient client, Instant now) {
        Set<String> queryable = new HashSet<>();
        for (JsonNode object : client.describeGlobal().path("sobjects")) {
            if (object.path("queryable").asBoolean(false)) {
                queryable.add(object.path("name").asText());
            }
        }
        return new OrgMetadata(now, queryable);
    }

    Instant readAt() {
        return readAt;
    }

    boolean has(String object) {
        return queryable.contains(object);
    }

    /** Whether the object has the field; {@code Rel.Field} is there when its reference {@code RelId} is. */
    boolean hasField(SalesforceClient client, String object, String field) {
        Set<String> described = fields.computeIfAbsent(object, name -> {
            Set<String> names = new HashSet<>();
            client.describe(name).path("fields").forEach(f -> names.add(f.path("name").asText()));
            return names;
        });
        int dot = field.indexOf('.');
        return described.contains(dot < 0 ? field : field.substring(0, dot) + "Id");
    }

    /** Multi-currency orgs have {@code CurrencyIsoCode} on every currency-bearing object. */
    boolean multiCurrency(SalesforceClient client) {
        return hasField(client, "Opportunity", SalesforceObjects.CURRENCY);
    }

    /** A wanted object as this org has it; {@link ObjectUnavailable} when the org lacks it or a field it needs. */
    Resolved resolve(SalesforceClient client, SalesforceObject wanted) {
        if (!has(wanted.name())) {
            throw new ObjectUnavailable("the org has no " + wanted.name()
                    + " object, or the connected user may not query it");
        }
        List<String> fields = fieldsOf(client, wanted.name(), wanted.required(), wanted.optional());
        List<Resolved.Child> children = new ArrayList<>();
        for (SalesforceObject.Child child : wanted.children()) {
            if (has(child.object())) {
                List<String> filters = new ArrayList<>();
                if (hasField(client, child.object(), "IsDeleted")) {
                    filters.add("IsDeleted = false");
                }
                if (child.filter() != null) {
                    filters.add(child.filter());
                }
                children.add(new Resolved.Child(child, fieldsOf(client, child.object(), child.required(),
                        child.optional()), filters.isEmpty() ? null : String.join(" AND ", filters)));
            }
        }
        return new Resolved(wanted.name(), fields, children, wanted.filter());
    }

    private List<String> fieldsOf(SalesforceClient client, String object, List<String> required,
            List<String> optional) {
        List<String> fields = new ArrayList<>();
        for (String field : required) {
            if (!hasField(client, object, field)) {
                throw new ObjectUnavailable("the connected user may not read field " + object + "." + field);
            }
            fields.add(field);
        }
        optional.stream().filter(field -> hasField(client, object, field)).forEach(fields::add);
        return fields;
    }

    /** An object as the org has it: the fields to select, its child relationships, its filter. */
    record Resolved(String object, List<String> fields, List<Child> children, String filter) {

        /** A child relationship of the org, with the fields it has and the condition for live rows. */
        record Child(SalesforceObject.Child wanted, List<String> fields, String filter) {
        }
    }

    /** The org lacks an object or a field the sync needs, or the user may not read it: the entity is skipped. */
    static final class ObjectUnavailable extends RuntimeException {
        ObjectUnavailable(String reason) {
            super(reason, null, false, false);
        }
    }
}
