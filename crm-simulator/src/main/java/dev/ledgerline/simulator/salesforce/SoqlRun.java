package dev.ledgerline.simulator.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.http.HttpProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * One SOQL query against the org's rows: checked against the objects' describes (an unknown object is
 * {@code INVALID_TYPE}, an unknown field {@code INVALID_FIELD}, as Salesforce fails the whole query), then filtered,
 * ordered, limited and cut down to the selected fields, each subquery's live rows nested as
 * {@code {totalSize, done, records}} (null when there are none, as Salesforce answers).
 */
final class SoqlRun {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SalesforceRows rows;
    private final SoqlQuery query;
    private final boolean withDeleted;
    private final SalesforceRows.SObject object;

    SoqlRun(SalesforceRows rows, SoqlQuery query, boolean withDeleted) {
        this.rows = rows;
        this.query = query;
        this.withDeleted = withDeleted;
        this.object = object(query.object());
        check(object, query);
        for (SoqlQuery subquery : query.subqueries()) {
            String child = object.children().get(subquery.object());
            if (child == null) {
                throw invalid("INVALID_TYPE", "Didn't understand relationship '" + subquery.object()
                        + "' in FROM part of query call.");
            }
            check(object(child), subquery);
        }
    }

    /** The matching rows, projected. */
    List<ObjectNode> rows() {
        List<ObjectNode> matched = new ArrayList<>();
        for (ObjectNode row : rows.all(object)) {
            if ((withDeleted || !row.path("IsDeleted").asBoolean(false)) && query.matches(row)) {
                matched.add(row);
            }
        }
        matched.sort(query.comparator());
        if (query.limit() != null && matched.size() > query.limit()) {
            matched = matched.subList(0, query.limit());
        }
        List<ObjectNode> projected = new ArrayList<>(matched.size());
        for (ObjectNode row : matched) {
            ObjectNode out = project(row, query);
            for (SoqlQuery subquery : query.subqueries()) {
                List<ObjectNode> children = new ArrayList<>();
                for (ObjectNode child : rows.children(subquery.object(), row)) {
                    if (!child.path("IsDeleted").asBoolean(false) && subquery.matches(child)) {
                        children.add(project(child, subquery));
                    }
                }
                if (children.isEmpty()) {
                    out.putNull(subquery.object());
                } else {
                    ObjectNode nested = out.putObject(subquery.object()).put("totalSize", children.size())
                            .put("done", true);
                    nested.putArray("records").addAll(children);
                }
            }
            projected.add(out);
        }
        return projected;
    }

    /** The row with the query's fields only; a relationship field brings its parent object with that field. */
    private static ObjectNode project(ObjectNode row, SoqlQuery query) {
        ObjectNode out = JSON.objectNode();
        out.set("attributes", row.get("attributes"));
        for (String field : query.fields()) {
            int dot = field.indexOf('.');
            if (dot < 0) {
                out.set(field, row.has(field) ? row.get(field) : JSON.nullNode());
            } else {
                String relationship = field.substring(0, dot);
                JsonNode parent = row.path(relationship);
                if (parent.isMissingNode() || parent.isNull()) {
                    out.putNull(relationship);
                } else {
                    ObjectNode nested = out.has(relationship) && out.get(relationship).isObject()
                            ? (ObjectNode) out.get(relationship) : out.putObject(relationship);
                    nested.set("attributes", parent.get("attributes"));
                    String name = field.substring(dot + 1);
                    nested.set(name, parent.has(name) ? parent.get(name) : JSON.nullNode());
                }
            }
        }
        return out;
    }

    private static SalesforceRows.SObject object(String name) {
        SalesforceRows.SObject object = SalesforceRows.OBJECTS.get(name);
        if (object == null) {
            throw invalid("INVALID_TYPE", "sObject type '" + name + "' is not supported. If you are attempting to use "
                    + "a custom object, be sure to append the '__c' after the entity name.");
        }
        return object;
    }

    private static void check(SalesforceRows.SObject object, SoqlQuery query) {
        List<String> named = new ArrayList<>(query.fields());
        query.conditions().forEach(condition -> named.add(condition.field()));
        query.orderBy().forEach(order -> named.add(order.field()));
        for (String field : named) {
            if (!object.hasField(field) && !(object.name().equals("PricebookEntry")
                    && field.equals("Pricebook2.IsStandard"))) {
                throw invalid("INVALID_FIELD", "No such column '" + field + "' on entity '" + object.name()
                        + "'. If you are attempting to use a custom field, be sure to append the '__c' after the "
                        + "custom field name.");
            }
        }
    }

    private static HttpProblem invalid(String code, String message) {
        return new HttpProblem(SalesforceErrors.error(400, code, message));
    }
}
