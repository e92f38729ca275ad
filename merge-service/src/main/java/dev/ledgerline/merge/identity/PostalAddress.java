package dev.ledgerline.merge.identity;

/** A postal address as a CRM holds it; every part may be null. */
public record PostalAddress(String street, String postalCode, String city, String region, String countryCode) {
}
