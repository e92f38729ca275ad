package dev.ledgerline.simulator.company;

/** A company people work at, as a {@link PeopleSource} needs it to write their work e-mail and phone. */
public record Employer(String name, String domain, String country) {
}
