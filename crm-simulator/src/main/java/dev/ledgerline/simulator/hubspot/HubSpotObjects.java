package dev.ledgerline.simulator.hubspot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Entity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A record as HubSpot's CRM v3 object endpoints answer it: {@code id}, {@code properties} (those asked for, null when
 * empty, plus the creation, last-modified and id properties that every read returns; a type's defaults when none
 * were asked for; names the type does not have are left out), {@code createdAt}, {@code updatedAt},
 * {@code archived} (with {@code archivedAt}) and, for list reads that ask for them, {@code associations}.
 */
final class HubSpotObjects {
    private HubSpotObjects() {
    }

    /** What a read asks for: property names and the object types whose associations to include. */
    record Selection(List<String> properties, List<HubSpotObjectType> associations) {
        Selection {
            properties = List.copyOf(properties);
            associations = List.copyOf(associations);
        }

        static Selection properties(List<String> properties) {
            return new Selection(properties, List.of());
        }
    }

    static ObjectNode render(Company company, CrmSplit split, HubSpotObjectType type, Entity entity,
            Selection selection) {
        ObjectNode object = JsonNodeFactory.instance.objectNode().put("id", String.valueOf(entity.id()));
        Map<String, String> all = HubSpotProperties.of(company, type, entity);
        Set<String> wanted = new LinkedHashSet<>(selection.properties().isEmpty() ? type.defaultProperties()
                : selection.properties());
        wanted.addAll(type.alwaysReturned());
        Map<String, String> properties = new TreeMap<>();
        for (String name : wanted) {
            if (all.containsKey(name)) {
                properties.put(name, all.get(name));
            }
        }
        ObjectNode props = object.putObject("properties");
        properties.forEach(props::put);
        object.put("createdAt", HubSpotProperties.text(entity.createdAt()))
                .put("updatedAt", HubSpotProperties.text(entity.modifiedAt()))
                .put("archived", entity.archived());
        if (entity.archived()) {
            object.put("archivedAt", HubSpotProperties.text(entity.archivedAt()));
        }
        ObjectNode associations = JsonNodeFactory.instance.objectNode();
        for (HubSpotObjectType target : selection.associations()) {
            List<Long> ids = Associations.of(company, split, type, entity, target);
            if (!ids.isEmpty()) {
                ArrayNode results = associations.putObject(target.apiName()).putArray("results");
                String typeName = Associations.typeName(type, target);
                ids.forEach(id -> results.addObject().put("id", String.valueOf(id)).put("type", typeName));
            }
        }
        if (!associations.isEmpty()) {
            object.set("associations", associations);
        }
        return object;
    }
}
