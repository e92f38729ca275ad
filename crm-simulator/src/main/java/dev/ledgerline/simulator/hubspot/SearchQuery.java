package dev.ledgerline.simulator.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A CRM search request as HubSpot reads it: {@code filterGroups} (OR of groups, AND within one; at most 5 groups,
 * 10 filters in a group, 25 in all), {@code sorts} (applied in order), an optional free-text {@code query},
 * {@code properties}, {@code limit} (at most 200) and {@code after} (an offset; paging to 10,000 results or beyond is
 * refused with HubSpot's 400). Dates filter and sort as instants (a value may be epoch milliseconds or ISO-8601),
 * numbers as numbers, the rest as text without regard to case.
 */
record SearchQuery(List<List<Filter>> filterGroups, List<Sort> sorts, String text, List<String> properties, int limit,
        int after) {

    static final int MAX_LIMIT = 200;
    static final int MAX_RESULTS = 10_000;
    private static final int MAX_GROUPS = 5;
    private static final int MAX_FILTERS_PER_GROUP = 10;
    private static final int MAX_FILTERS = 25;
    private static final int DEFAULT_LIMIT = 10;
    private static final Set<String> OPERATORS = Set.of("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN",
            "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN");
    /** Properties the free-text query looks in. */
    private static final List<String> TEXT_PROPERTIES = List.of("firstname", "lastname", "email", "phone", "name",
            "domain", "dealname", "hs_lead_name", "hs_number", "hs_sku");

    record Filter(String property, String operator, String value, String highValue, List<String> values) {
    }

    record Sort(String property, boolean descending) {
    }

    static SearchQuery parse(JsonNode body) {
        List<List<Filter>> groups = new ArrayList<>();
        int filters = 0;
        for (JsonNode group : body.path("filterGroups")) {
            List<Filter> parsed = new ArrayList<>();
            for (JsonNode filter : group.path("filters")) {
                parsed.add(filter(filter));
            }
            if (parsed.size() > MAX_FILTERS_PER_GROUP) {
                throw HubSpotErrors.invalid("A filter group may have at most " + MAX_FILTERS_PER_GROUP
                        + " filters, this one has " + parsed.size());
            }
            filters += parsed.size();
            groups.add(parsed);
        }
        if (groups.size() > MAX_GROUPS) {
            throw HubSpotErrors.invalid("At most " + MAX_GROUPS + " filter groups are allowed, got " + groups.size());
        }
        if (filters > MAX_FILTERS) {
            throw HubSpotErrors.invalid("At most " + MAX_FILTERS + " filters are allowed, got " + filters);
        }
        List<Sort> sorts = new ArrayList<>();
        for (JsonNode sort : body.path("sorts")) {
            String property = sort.isTextual() ? sort.asText() : sort.path("propertyName").asText("");
            String direction = sort.path("direction").asText("ASCENDING");
            if (property.isBlank() || !Set.of("ASCENDING", "DESCENDING").contains(direction)) {
                throw HubSpotErrors.invalid("Invalid sort " + sort + ": propertyName and a direction of ASCENDING or "
                        + "DESCENDING are required");
            }
            sorts.add(new Sort(property, direction.equals("DESCENDING")));
        }
        List<String> properties = new ArrayList<>();
        body.path("properties").forEach(property -> properties.add(property.asText()));
        int limit = body.path("limit").asInt(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HubSpotErrors.invalid("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        int after;
        try {
            after = body.hasNonNull("after") ? Integer.parseInt(body.path("after").asText()) : 0;
        } catch (NumberFormatException e) {
            throw HubSpotErrors.invalid("after is not a paging token of this search: " + body.path("after"));
        }
        if (after >= MAX_RESULTS) {
            // What HubSpot answers to a page beyond the first 10,000 results of one query.
            throw HubSpotErrors.invalid("There was a problem with the request.");
        }
        String text = body.path("query").asText(null);
        return new SearchQuery(groups, sorts, text == null || text.isBlank() ? null : text, properties, limit,
                Math.max(0, after));
    }

    private static Filter filter(JsonNode filter) {
        String property = filter.path("propertyName").asText("");
        String operator = filter.path("operator").asText("EQ");
        if (property.isBlank() || !OPERATORS.contains(operator)) {
            throw HubSpotErrors.invalid("Invalid filter " + filter + ": propertyName and one of the operators "
                    + OPERATORS + " are required");
        }
        List<String> values = new ArrayList<>();
        filter.path("values").forEach(value -> values.add(value.asText()));
        Filter parsed = new Filter(property, operator, filter.path("value").asText(null),
                filter.path("highValue").asText(null), values);
        boolean needsValue = !operator.endsWith("HAS_PROPERTY") && !operator.endsWith("IN");
        if (needsValue && parsed.value() == null || operator.equals("BETWEEN") && parsed.highValue() == null) {
            throw HubSpotErrors.invalid("Filter on " + property + " with operator " + operator + " needs a value"
                    + (operator.equals("BETWEEN") ? " and a highValue" : ""));
        }
        if (operator.endsWith("IN") && values.isEmpty()) {
            throw HubSpotErrors.invalid("Filter on " + property + " with operator " + operator + " needs values");
        }
        return parsed;
    }

    /** Whether a record's properties match: any group with all its filters, or everything when there are none. */
    boolean matches(Map<String, String> properties) {
        if (text != null && TEXT_PROPERTIES.stream().map(properties::get).noneMatch(value -> value != null
                && value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return filterGroups.isEmpty() || filterGroups.stream()
                .anyMatch(group -> group.stream().allMatch(filter -> matches(filter, properties.get(filter.property()))));
    }

    private static boolean matches(Filter filter, String actual) {
        String property = filter.property();
        return switch (filter.operator()) {
            case "HAS_PROPERTY" -> actual != null;
            case "NOT_HAS_PROPERTY" -> actual == null;
            case "EQ" -> actual != null && compare(property, actual, filter.value()) == 0;
            case "NEQ" -> actual == null || compare(property, actual, filter.value()) != 0;
            case "LT" -> actual != null && compare(property, actual, filter.value()) < 0;
            case "LTE" -> actual != null && compare(property, actual, filter.value()) <= 0;
            case "GT" -> actual != null && compare(property, actual, filter.value()) > 0;
            case "GTE" -> actual != null && compare(property, actual, filter.value()) >= 0;
            case "BETWEEN" -> actual != null && compare(property, actual, filter.value()) >= 0
                    && compare(property, actual, filter.highValue()) <= 0;
            case "IN" -> actual != null && filter.values().stream().anyMatch(v -> compare(property, actual, v) == 0);
            case "NOT_IN" -> actual == null || filter.values().stream().noneMatch(v -> compare(property, actual, v) == 0);
            case "CONTAINS_TOKEN" -> actual != null && containsToken(actual, filter.value());
            case "NOT_CONTAINS_TOKEN" -> actual == null || !containsToken(actual, filter.value());
            default -> throw new IllegalStateException(filter.operator());
        };
    }

    private static boolean containsToken(String actual, String token) {
        String wanted = token.replace("*", "").toLowerCase(Locale.ROOT);
        return actual.toLowerCase(Locale.ROOT).contains(wanted);
    }

    /**
     * A record's place in the order of the results, by the sorts in turn and then the id, a missing value last:
     * computed once per record, so that sorting does not parse values again for every comparison.
     */
    SortKey sortKey(Map<String, String> properties) {
        Comparable<?>[] values = new Comparable<?>[sorts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = typed(sorts.get(i).property(), properties.get(sorts.get(i).property()));
        }
        return new SortKey(values, Long.parseLong(properties.get("hs_object_id")));
    }

    /** Compares sort keys made by {@link #sortKey}. */
    Comparator<SortKey> order() {
        return (a, b) -> {
            for (int i = 0; i < sorts.size(); i++) {
                int compared = compareValues(a.values()[i], b.values()[i]);
                if (compared != 0) {
                    return sorts.get(i).descending() ? -compared : compared;
                }
            }
            return Long.compare(a.id(), b.id());
        };
    }

    record SortKey(Comparable<?>[] values, long id) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Comparable a, Comparable b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }

    /** A value as the type of its property orders it. */
    private static Comparable<?> typed(String property, String value) {
        if (value == null) {
            return null;
        }
        if (HubSpotProperties.DATES.contains(property)) {
            return epochMillis(value);
        }
        if (HubSpotProperties.NUMBERS.contains(property)) {
            return new BigDecimal(value.trim());
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static int compare(String property, String actual, String expected) {
        try {
            if (HubSpotProperties.DATES.contains(property)) {
                return Long.compare(epochMillis(actual), epochMillis(expected));
            }
            if (HubSpotProperties.NUMBERS.contains(property)) {
                return new BigDecimal(actual.trim()).compareTo(new BigDecimal(expected.trim()));
            }
        } catch (NumberFormatException | DateTimeParseException unreadable) {
            throw HubSpotErrors.invalid("'" + expected + "' is not a valid value for property " + property);
        }
        return actual.compareToIgnoreCase(expected);
    }

    /** A date value as HubSpot accepts it in filters: epoch milliseconds, an ISO-8601 instant, or a date. */
    private static long epochMillis(String value) {
        String text = value.trim();
        if (text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        return Instant.parse(text).toEpochMilli();
    }
}
