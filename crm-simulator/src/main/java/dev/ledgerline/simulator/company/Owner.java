package dev.ledgerline.simulator.company;

import java.time.Instant;

/** A sales rep who owns accounts, contacts, deals and leads; one who left the company is archived. */
public final class Owner extends Entity {
    private final long userId;
    private final String firstName;
    private final String lastName;
    private final String email;
    private final Team team;

    Owner(long id, Instant createdAt, long userId, String firstName, String lastName, String email, Team team) {
        super(id, createdAt);
        this.userId = userId;
        this.firstName = firstName;
        this.lastName = lastName;
        this.email = email;
        this.team = team;
    }

    public long userId() {
        return userId;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public String email() {
        return email;
    }

    public Team team() {
        return team;
    }
}
