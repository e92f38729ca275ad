package dev.ledgerline.connector.salesforce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** SOQL text for the sync's reads: the select list with subqueries, datetime literals, id lists. */
final class Soql {

    private Soql() {
    }

    /** {@code SELECT fields, (SELECT … FROM children) FROM object [WHERE …] [ORDER BY …]}; null parts are left out. */
    static String select(OrgMetadata.Resolved object, boolean withChildren, List<String> conditions, String orderBy) {
        List<String> select = new ArrayList<>(object.fields());
        if (withChildren) {
            for (OrgMetadata.Resolved.Child child : object.children()) {
                select.add("(SELECT " + String.join(", ", child.fields()) + " FROM " + child.wanted().relationship()
                        + (child.filter() == null ? "" : " WHERE " + child.filter()) + ")");
            }
        }
        return "SELECT " + String.join(", ", select) + " FROM " + object.object() + where(object.filter(), conditions)
                + (orderBy == null ? "" : " ORDER BY " + orderBy);
    }

    /** The object's own filter and the read's conditions, joined by AND. */
    static String where(String filter, List<String> conditions) {
        List<String> all = new ArrayList<>();
        if (filter != null) {
            all.add(filter);
        }
        all.addAll(conditions);
        return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
    }

    /** A datetime literal, to the second (SystemModstamp has no finer precision). */
    static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 'id1', 'id2'} for an IN list; Salesforce ids hold only letters and digits. */
    static String ids(Collection<String> ids) {
        return ids.stream().map(id -> {
            if (!id.matches("[A-Za-z0-9]{15,18}")) {
                throw new IllegalArgumentException("not a Salesforce id: " + id);
            }
            return "'" + id + "'";
        }).collect(Collectors.joining(", "));
    }
}
