package dev.ledgerline.simulator.company;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A sales opportunity. It moves through the {@link DealStage}s (its {@link #history()}) until it is won or lost. As
 * in a real CRM some deals are incomplete: without an amount, without an owner, or without a stage and pipeline at
 * all (created through an API that set neither).
 */
public final class Deal extends Entity {
    private final String name;
    private BigDecimal amount;
    private final String currency;
    private BigDecimal amountInHomeCurrency;
    private final boolean inPipeline;
    private final List<StageChange> history = new ArrayList<>();
    private LocalDate expectedCloseDate;
    private final Long ownerId;
    private final LeadSource leadSource;
    private String lossReason;
    private final boolean newBusiness;
    private final List<Long> contactIds;
    private final Long accountId;
    private final List<Long> lineItemIds = new ArrayList<>();

    Deal(long id, Instant createdAt, String name, String currency, boolean inPipeline, Long ownerId,
            LeadSource leadSource, boolean newBusiness, List<Long> contactIds, Long accountId) {
        super(id, createdAt);
        this.name = name;
        this.currency = currency;
        this.inPipeline = inPipeline;
        this.ownerId = ownerId;
        this.leadSource = leadSource;
        this.newBusiness = newBusiness;
        this.contactIds = List.copyOf(contactIds);
        this.accountId = accountId;
    }

    public String name() {
        return name;
    }

    /** The deal's value in {@link #currency()}; null when nobody entered one. */
    public BigDecimal amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    /** The amount converted to the company's home currency; null without an amount. */
    public BigDecimal amountInHomeCurrency() {
        return amountInHomeCurrency;
    }

    /** False for a deal created without a pipeline (and so without a stage). */
    public boolean inPipeline() {
        return inPipeline;
    }

    /** The current stage, or null for a deal that has none. */
    public DealStage stage() {
        return history.isEmpty() ? null : history.get(history.size() - 1).stage();
    }

    /** Open, won or lost; a deal without a stage is open (DESIGN.md §5: incomplete is not invalid). */
    public StageCategory category() {
        DealStage stage = stage();
        return stage == null ? StageCategory.OPEN : StageCategory.of(stage);
    }

    /** The probability of winning that the current stage gives; null for a deal without a stage. */
    public Double probability() {
        DealStage stage = stage();
        return stage == null ? null : stage.probability();
    }

    /** Every stage the deal entered, oldest first. */
    public List<StageChange> history() {
        return List.copyOf(history);
    }

    /** When the deal was won or lost; null while it is open or has no stage. */
    public Instant closedAt() {
        DealStage stage = stage();
        return stage != null && stage.closed() ? history.get(history.size() - 1).at() : null;
    }

    /** The close date the rep expects (for a closed deal, the day it closed). */
    public LocalDate expectedCloseDate() {
        return expectedCloseDate;
    }

    public Long ownerId() {
        return ownerId;
    }

    public LeadSource leadSource() {
        return leadSource;
    }

    public String lossReason() {
        return lossReason;
    }

    /** New business, or more business from an existing customer. */
    public boolean newBusiness() {
        return newBusiness;
    }

    /** Associated contacts, the primary one first. */
    public List<Long> contactIds() {
        return contactIds;
    }

    public Long accountId() {
        return accountId;
    }

    public List<Long> lineItemIds() {
        return List.copyOf(lineItemIds);
    }

    void enter(DealStage stage, Instant at) {
        history.add(new StageChange(stage, at));
        touch(at);
    }

    void lose(String reason) {
        this.lossReason = reason;
    }

    void expectedCloseDate(LocalDate date) {
        this.expectedCloseDate = date;
    }

    void amount(BigDecimal amount, BigDecimal amountInHomeCurrency) {
        this.amount = amount;
        this.amountInHomeCurrency = amountInHomeCurrency;
    }

    void addLineItem(long lineItemId) {
        lineItemIds.add(lineItemId);
    }
}
