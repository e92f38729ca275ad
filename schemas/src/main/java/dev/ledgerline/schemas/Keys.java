package dev.ledgerline.schemas;

import java.util.ArrayList;
import java.util.List;

/**
 * Record keys of the suite: UTF-8 strings of {@code |}-separated parts, the first part being the tenant id, e.g.
 * {@code acme|HUBSPOT|1234}. Readable by any Kafka tool. A part containing {@code |} or {@code %} (a lead source
 * such as "Web | Paid") is percent-escaped ({@code %7C}, {@code %25}) so that splitting stays unambiguous; plain
 * parts are written as they are.
 */
public final class Keys {

    public static final char SEPARATOR = '|';

    private Keys() {
    }

    /** The key of the given parts, the tenant id first, e.g. {@code Keys.of(tenant, source.name(), id)}. */
    public static String of(String tenantId, String... parts) {
        if (tenantId == null || tenantId.isEmpty()) {
            throw new IllegalArgumentException("A key needs a tenant id");
        }
        StringBuilder key = new StringBuilder(escape(tenantId));
        for (String part : parts) {
            if (part == null) {
                throw new IllegalArgumentException("Key parts must not be null (tenant " + tenantId + ")");
            }
            key.append(SEPARATOR).append(escape(part));
        }
        return key.toString();
    }

    /** The parts of a key, unescaped, the tenant id first. A key without separator is a tenant id alone. */
    public static List<String> split(String key) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int end = key.indexOf(SEPARATOR); end >= 0; end = key.indexOf(SEPARATOR, start)) {
            parts.add(unescape(key.substring(start, end)));
            start = end + 1;
        }
        parts.add(unescape(key.substring(start)));
        return parts;
    }

    /** The tenant id of a key: its first part, or the whole key when it has no separator. */
    public static String tenantOf(String key) {
        int end = key.indexOf(SEPARATOR);
        return unescape(end < 0 ? key : key.substring(0, end));
    }

    /** A key part as it is written in a key. */
    static String escape(String part) {
        if (part.indexOf('%') < 0 && part.indexOf(SEPARATOR) < 0) {
            return part;
        }
        return part.replace("%", "%25").replace("|", "%7C");
    }

    private static String unescape(String part) {
        if (part.indexOf('%') < 0) {
            return part;
        }
        return part.replace("%7C", "|").replace("%7c", "|").replace("%25", "%");
    }
}
