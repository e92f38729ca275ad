package dev.ledgerline.simulator;

import dev.ledgerline.simulator.company.CompanySize;
import dev.ledgerline.simulator.hubspot.HubSpotApi;
import dev.ledgerline.simulator.monday.MondayApi;
import dev.ledgerline.simulator.salesforce.SalesforceApi;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The simulator's settings, each from {@code --name=value}, else the system property {@code simulator.name}, else the
 * environment variable {@code SIMULATOR_NAME} (upper case, dashes as underscores), else its default.
 *
 * @param referenceTime      the moment the generated history ends (default: the start); pass the same one again to
 *                           get the same company after a restart
 * @param activityPerMinute  events per minute after the reference time; 0 for none. Events due between the reference
 *                           time and the start happen at once, so a restart with the same reference time catches up
 * @param webhookTarget      where the OAuth app's webhooks go; none by default (also settable at run time)
 * @param salesforceShare    the share of the company's accounts worked in the Salesforce org (see {@code CrmSplit});
 *                           0 keeps everything in HubSpot
 * @param salesforce         the Salesforce org; null without an OAuth app (the org needs its connected app)
 * @param mondayShare        the share of the accounts worked in the monday.com account, after Salesforce's; 0 keeps
 *                           the account empty
 * @param monday             the monday.com account; null without a personal API token
 */
public record SimulatorSettings(int port, long seed, Instant referenceTime, CompanySize size,
        double activityPerMinute, URI webhookTarget, HubSpotApi.Settings hubspot, double salesforceShare,
        SalesforceApi.Settings salesforce, double mondayShare, MondayApi.Settings monday) {

    /** The defaults of the local run; not secrets, since the simulated portal holds only generated data. */
    static final String DEFAULT_PRIVATE_APP_TOKEN = "pat-local-00000000-0000-4000-8000-000000000000";
    static final String DEFAULT_CLIENT_ID = "ledgerline-local";
    static final String DEFAULT_CLIENT_SECRET = "local-simulator-client-secret";
    static final String DEFAULT_MONDAY_API_TOKEN = "monday-local-personal-token-0000000000000000";

    public static SimulatorSettings from(String[] args) {
        return from(args, name -> System.getProperty("simulator." + name),
                name -> System.getenv("SIMULATOR_" + name.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    static SimulatorSettings from(String[] args, UnaryOperator<String> properties, UnaryOperator<String> environment) {
        Source source = new Source(args, properties, environment);
        String webhookTarget = source.get("webhook-target", "");
        String privateAppToken = source.get("private-app-token", DEFAULT_PRIVATE_APP_TOKEN);
        String clientId = source.get("oauth-client-id", DEFAULT_CLIENT_ID);
        String clientSecret = source.get("oauth-client-secret", DEFAULT_CLIENT_SECRET);
        String mondayToken = source.get("monday-api-token", DEFAULT_MONDAY_API_TOKEN);
        HubSpotApi.Settings hubspot = new HubSpotApi.Settings(source.integer("portal-id", 62515),
                privateAppToken.isBlank() ? null : privateAppToken, clientId.isBlank() ? null : clientId,
                clientSecret.isBlank() ? null : clientSecret,
                Duration.ofSeconds(source.integer("access-token-seconds", 1800)),
                source.integer("rate-limit-per-ten-seconds", 110), source.integer("rate-limit-per-second", 11),
                source.integer("search-limit-per-second", 5),
                Duration.ofMillis(source.integer("search-lag-millis", 2000)));
        return new SimulatorSettings(source.integer("port", 8090), Long.parseLong(source.get("seed", "42")),
                source.instant("reference-time"),
                new CompanySize(source.integer("contacts", 2000), source.integer("deals", 5000),
                        source.integer("deals-without-stage", 20)),
                Double.parseDouble(source.get("activity-per-minute", "0")),
                webhookTarget.isBlank() ? null : URI.create(webhookTarget), hubspot,
                Double.parseDouble(source.get("salesforce-share", "0")),
                clientId.isBlank() || clientSecret.isBlank() ? null : new SalesforceApi.Settings(clientId, clientSecret,
                        source.integer("salesforce-daily-api-limit", 100_000),
                        Duration.ofSeconds(source.integer("salesforce-session-seconds", 7200))),
                Double.parseDouble(source.get("monday-share", "0")),
                mondayToken.isBlank() ? null : new MondayApi.Settings(mondayToken,
                        source.integer("monday-complexity-per-minute", 5_000_000)));
    }

    /** How long between two activity events; null when there is no activity. */
    Duration activityInterval() {
        return activityPerMinute <= 0 ? null : Duration.ofNanos((long) (60e9 / activityPerMinute));
    }

    private record Source(String[] args, UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String get(String name, String defaultValue) {
            String prefix = "--" + name + "=";
            for (String arg : args) {
                if (arg.startsWith(prefix)) {
                    return arg.substring(prefix.length());
                }
            }
            String property = properties.apply(name);
            if (property != null) {
                return property;
            }
            String variable = environment.apply(name);
            return variable != null ? variable : defaultValue;
        }

        int integer(String name, int defaultValue) {
            String value = get(name, String.valueOf(defaultValue));
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'");
            }
        }

        Instant instant(String name) {
            String value = get(name, "");
            try {
                return value.isBlank() ? Instant.now() : Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--" + name + " must be an ISO-8601 instant such as "
                        + "2026-01-31T12:00:00Z, not '" + value + "'");
            }
        }
    }
}
