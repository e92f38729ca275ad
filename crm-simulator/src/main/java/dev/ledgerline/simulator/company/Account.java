package dev.ledgerline.simulator.company;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A customer or prospect company. */
public final class Account extends Entity {
    private final String name;
    private final String domain;
    private final String phone;
    private final Address address;
    private final String industry;
    private final Integer employees;
    private final BigDecimal annualRevenue;
    private final Long ownerId;

    Account(long id, Instant createdAt, String name, String domain, String phone, Address address, String industry,
            Integer employees, BigDecimal annualRevenue, Long ownerId) {
        super(id, createdAt);
        this.name = name;
        this.domain = domain;
        this.phone = phone;
        this.address = address;
        this.industry = industry;
        this.employees = employees;
        this.annualRevenue = annualRevenue;
        this.ownerId = ownerId;
    }

    public String name() {
        return name;
    }

    public String domain() {
        return domain;
    }

    public String phone() {
        return phone;
    }

    public Address address() {
        return address;
    }

    /** Every industry an account may have, in a fixed order. */
    public static List<String> industries() {
        return Vocabulary.INDUSTRIES;
    }

    /** An industry label such as "Computer Software". */
    public String industry() {
        return industry;
    }

    public Integer employees() {
        return employees;
    }

    public BigDecimal annualRevenue() {
        return annualRevenue;
    }

    public Long ownerId() {
        return ownerId;
    }
}
