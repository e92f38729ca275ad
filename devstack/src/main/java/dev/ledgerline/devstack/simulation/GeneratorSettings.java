package dev.ledgerline.devstack.simulation;

import dev.ledgerline.wire.CrmSource;
import java.util.List;

/**
 * What to generate for one tenant.
 *
 * @param companies        distinct companies (each becomes one or more accounts)
 * @param persons          distinct people (each becomes one or more contacts)
 * @param employedShare    share of people working at one of the companies (work email on its domain)
 * @param duplicateShare   share of people and companies that appear in more than one record
 * @param sameNameShare    share of people who share first and last name with another, different person
 */
public record GeneratorSettings(String tenantId, List<CrmConnection> connections, int companies, int persons,
        double employedShare, double duplicateShare, double sameNameShare) {

    public GeneratorSettings {
        connections = List.copyOf(connections);
        if (connections.isEmpty()) {
            throw new IllegalArgumentException("at least one CRM connection");
        }
        if (companies < 1 || persons < 0) {
            throw new IllegalArgumentException("at least one company and no negative number of persons");
        }
    }

    /** A tenant with HubSpot and Salesforce side by side; 70 % employed, 35 % duplicated, 3 % namesakes. */
    public static GeneratorSettings twoCrms(String tenantId, int companies, int persons) {
        return new GeneratorSettings(tenantId, List.of(new CrmConnection("hubspot-main", CrmSource.HUBSPOT),
                new CrmConnection("salesforce-main", CrmSource.SALESFORCE)), companies, persons, 0.7, 0.35, 0.03);
    }
}
