package dev.ledgerline.outbox.relay;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a service's {@code jdbc:postgresql://host[:port]/database[?params]} URL that Debezium's connector
 * takes as separate settings. Only {@code sslmode} of the parameters carries over; a URL naming several hosts is
 * refused, since a replication slot lives on one server (the primary).
 */
record PostgresUrl(String host, int port, String database, Optional<String> sslMode) {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/([^?]+)(?:\\?(.*))?");
    private static final int DEFAULT_PORT = 5432;

    static PostgresUrl parse(String jdbcUrl) {
        Matcher matcher = jdbcUrl == null ? null : URL.matcher(jdbcUrl);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("The outbox relay needs a datasource URL of the form "
                    + "jdbc:postgresql://host[:port]/database on the primary server, got " + jdbcUrl);
        }
        int port = matcher.group(2) == null ? DEFAULT_PORT : Integer.parseInt(matcher.group(2));
        return new PostgresUrl(matcher.group(1), port, matcher.group(3), parameter(matcher.group(4), "sslmode"));
    }

    private static Optional<String> parameter(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
