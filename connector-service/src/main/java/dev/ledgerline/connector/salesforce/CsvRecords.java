package dev.ledgerline.connector.salesforce;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk API 2.0 query results (CSV, comma-delimited, LF line endings, every value double-quoted, quotes doubled inside)
 * as records shaped like the REST API's: one object per row, keyed by the header's field names, a relationship field
 * such as {@code RecordType.Name} nested as {@code {"RecordType": {"Name": …}}}, and an empty value as null (Bulk API
 * writes nulls as empty values). Values stay text, as CSV has no types; {@link SalesforceRecord} reads both.
 */
final class CsvRecords {

    private CsvRecords() {
    }

    static List<ObjectNode> parse(String csv) {
        List<List<String>> rows = rows(csv);
        List<ObjectNode> records = new ArrayList<>();
        if (rows.isEmpty()) {
            return records;
        }
        List<String> header = rows.get(0);
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() != header.size()) {
                throw new SalesforceException("a Bulk API result row has " + row.size() + " values for "
                        + header.size() + " columns", 200, null, null);
            }
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            for (int column = 0; column < header.size(); column++) {
                put(record, header.get(column), row.get(column));
            }
            records.add(record);
        }
        return records;
    }

    private static void put(ObjectNode record, String field, String value) {
        int dot = field.indexOf('.');
        if (dot > 0) {
            ObjectNode parent = record.has(field.substring(0, dot)) && record.get(field.substring(0, dot)).isObject()
                    ? (ObjectNode) record.get(field.substring(0, dot)) : record.putObject(field.substring(0, dot));
            put(parent, field.substring(dot + 1), value);
        } else if (value.isEmpty()) {
            record.putNull(field);
        } else {
            record.put(field, value);
        }
    }

    /** RFC 4180 rows: quoted values may hold commas, quotes (doubled) and line breaks. */
    private static List<List<String>> rows(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        boolean rowStarted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    rowStarted = true;
                }
                case ',' -> {
                    row.add(value.toString());
                    value.setLength(0);
                    rowStarted = true;
                }
                case '\r' -> {
                    // CRLF line endings read like LF.
                }
                case '\n' -> {
                    if (rowStarted || value.length() > 0) {
                        row.add(value.toString());
                        rows.add(row);
                    }
                    row = new ArrayList<>();
                    value.setLength(0);
                    rowStarted = false;
                }
                default -> {
                    value.append(c);
                    rowStarted = true;
                }
            }
        }
        if (quoted) {
            throw new SalesforceException("a Bulk API result ends inside a quoted value", 200, null, null);
        }
        if (rowStarted || value.length() > 0) {
            row.add(value.toString());
            rows.add(row);
        }
        return rows;
    }
}
