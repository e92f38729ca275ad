package dev.ledgerline.simulator.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SOQL the connector sends, parsed: {@code SELECT} fields, {@code COUNT()} or child subqueries
 * {@code (SELECT … FROM Relationship [WHERE …])}, {@code FROM} one object, {@code WHERE} comparisons joined by
 * {@code AND} ({@code = != < <= > >=} with a string, number, boolean, null or date-time literal, and {@code IN (…)}),
 * {@code ORDER BY} fields with {@code ASC}/{@code DESC}, {@code LIMIT}. Anything else is {@code MALFORMED_QUERY}, as
 * the org would answer something it cannot read; OR, NOT, functions and semi-joins are not simulated.
 */
record SoqlQuery(List<String> fields, boolean count, List<SoqlQuery> subqueries, String object,
        List<Condition> conditions, List<Order> orderBy, Integer limit) {

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*('(?:[^'\\\\]|\\\\.)*'|<=|>=|!=|[=<>(),]|[A-Za-z0-9_.:+\\-]+)");

    /** A comparison of a field (a path such as {@code Pricebook2.IsStandard}) with literals. */
    record Condition(String field, String operator, List<Object> values) {

        boolean matches(JsonNode row) {
            JsonNode value = SoqlQuery.path(row, field);
            if (operator.equals("IN")) {
                return values.stream().anyMatch(literal -> compare(value, literal) == 0);
            }
            Object literal = values.get(0);
            if (literal == null) {
                boolean isNull = value.isNull() || value.isMissingNode();
                return operator.equals("=") == isNull;
            }
            if (value.isNull() || value.isMissingNode()) {
                return operator.equals("!=");
            }
            int order = compare(value, literal);
            return switch (operator) {
                case "=" -> order == 0;
                case "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }
    }

    /** One {@code ORDER BY} key. */
    record Order(String field, boolean descending) {
    }

    static SoqlQuery parse(String soql) {
        Tokens tokens = new Tokens(soql);
        SoqlQuery query = tokens.query(false);
        if (tokens.hasMore()) {
            throw new Malformed("unexpected token: " + tokens.peek());
        }
        return query;
    }

    /** The rows' order: by the keys, nulls first as Salesforce sorts ascending. */
    Comparator<JsonNode> comparator() {
        Comparator<JsonNode> order = (a, b) -> 0;
        for (Order key : orderBy) {
            Comparator<JsonNode> byKey = (a, b) -> compareValues(path(a, key.field()), path(b, key.field()));
            order = order.thenComparing(key.descending() ? byKey.reversed() : byKey);
        }
        return order;
    }

    boolean matches(JsonNode row) {
        return conditions.stream().allMatch(condition -> condition.matches(row));
    }

    static JsonNode path(JsonNode row, String field) {
        JsonNode node = row;
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static int compareValues(JsonNode a, JsonNode b) {
        boolean aNull = a.isNull() || a.isMissingNode();
        boolean bNull = b.isNull() || b.isMissingNode();
        if (aNull || bNull) {
            return Boolean.compare(!aNull, !bNull);
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        // Date-times of one spelling and ids sort as text.
        return a.asText().compareTo(b.asText());
    }

    private static int compare(JsonNode value, Object literal) {
        if (value.isNull() || value.isMissingNode()) {
            return literal == null ? 0 : -1;
        }
        if (literal instanceof Boolean bool) {
            return Boolean.compare(value.asBoolean(), bool);
        }
        if (literal instanceof BigDecimal number) {
            return value.decimalValue().compareTo(number);
        }
        if (literal instanceof Instant instant) {
            return SalesforceRows.instant(value.asText()).compareTo(instant);
        }
        return value.asText().compareTo(String.valueOf(literal));
    }

    /** The org cannot read the query. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Tokens {
        private final List<String> tokens = new ArrayList<>();
        private int next;

        Tokens(String soql) {
            Matcher matcher = TOKEN.matcher(soql);
            int at = 0;
            while (at < soql.length() && matcher.find(at) && matcher.start() == at) {
                tokens.add(matcher.group(1));
                at = matcher.end();
            }
            if (!soql.substring(at).isBlank()) {
                throw new Malformed("unexpected character at " + at + ": " + soql.substring(at));
            }
        }

        boolean hasMore() {
            return next < tokens.size();
        }

        String peek() {
            return hasMore() ? tokens.get(next) : "";
        }

        boolean accept(String keyword) {
            if (peek().equalsIgnoreCase(keyword)) {
                next++;
                return true;
            }
            return false;
        }

        void expect(String keyword) {
            if (!accept(keyword)) {
                throw new Malformed("expected " + keyword + " at '" + peek() + "'");
            }
        }

        String name() {
            String token = peek();
            if (!token.matches("[A-Za-z][A-Za-z0-9_.]*")) {
                throw new Malformed("expected a name at '" + token + "'");
            }
            next++;
            return token;
        }

        SoqlQuery query(boolean nested) {
            expect("SELECT");
            List<String> fields = new ArrayList<>();
            List<SoqlQuery> subqueries = new ArrayList<>();
            boolean count = false;
            do {
                if (!nested && accept("(")) {
                    subqueries.add(query(true));
                    expect(")");
                } else if (peek().equalsIgnoreCase("COUNT")) {
                    next++;
                    expect("(");
                    expect(")");
                    count = true;
                } else {
                    fields.add(name());
                }
            } while (accept(","));
            expect("FROM");
            String object = name();
            List<Condition> conditions = new ArrayList<>();
            if (accept("WHERE")) {
                do {
                    conditions.add(condition());
                } while (accept("AND"));
            }
            List<Order> orderBy = new ArrayList<>();
            if (accept("ORDER")) {
                expect("BY");
                do {
                    String field = name();
                    boolean descending = accept("DESC");
                    if (!descending) {
                        accept("ASC");
                    }
                    orderBy.add(new Order(field, descending));
                } while (accept(","));
            }
            Integer limit = null;
            if (accept("LIMIT")) {
                try {
                    limit = Integer.parseInt(peek());
                    next++;
                } catch (NumberFormatException e) {
                    throw new Malformed("LIMIT needs a number, not '" + peek() + "'");
                }
            }
            return new SoqlQuery(fields, count, subqueries, object, conditions, orderBy, limit);
        }

        private Condition condition() {
            String field = name();
            if (accept("IN")) {
                expect("(");
                List<Object> values = new ArrayList<>();
                do {
                    values.add(literal());
                } while (accept(","));
                expect(")");
                return new Condition(field, "IN", values);
            }
            String operator = peek();
            if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(operator)) {
                throw new Malformed("expected a comparison after " + field + " at '" + operator + "'");
            }
            next++;
            List<Object> values = new ArrayList<>();
            values.add(literal());
            return new Condition(field, operator, values);
        }

        private Object literal() {
            String token = peek();
            next++;
            if (token.startsWith("'")) {
                return token.substring(1, token.length() - 1).replace("\\'", "'").replace("\\\\", "\\");
            }
            switch (token.toLowerCase(Locale.ROOT)) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "null":
                    return null;
                default:
                    break;
            }
            if (token.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                try {
                    return OffsetDateTime.parse(token).toInstant();
                } catch (RuntimeException e) {
                    throw new Malformed("not a date-time: " + token);
                }
            }
            try {
                return new BigDecimal(token);
            } catch (NumberFormatException e) {
                throw new Malformed("not a literal: " + token);
            }
        }
    }
}
