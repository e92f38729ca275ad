package dev.ledgerline.simulator.company;

/** A postal address; any part may be missing, as in a CRM. */
public record Address(String street, String city, String region, String postalCode, String country) {
}
