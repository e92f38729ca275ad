package dev.ledgerline.kpi.compute;

import java.math.BigDecimal;

/**
 * A deal as its KPI contributions see it, under one tenant profile: days in the tenant's zone and the
 * amount in its home currency.
 *
 * @param closedDay epoch day of closedAt for WON and LOST; ignored for OPEN
 * @param homeAmount the amount in home currency, or null when the deal has none or is unconverted
 * @param unconverted the deal has an amount but none in the home currency
 * @param weightedAmount homeAmount × its probability while open; zero without a home amount or without
 *     an open probability
 * @param durationMillis closedAt − createdAt for WON and LOST; 0 for OPEN
 */
public record DealFacts(
        String owner,
        String pipeline,
        String leadSource,
        DealStage stage,
        long createdDay,
        long closedDay,
        BigDecimal homeAmount,
        boolean unconverted,
        BigDecimal weightedAmount,
        long durationMillis) {

    /** The facts of a deal's state under a profile; null when the deal is deleted (contributes nothing). */
    public static DealFacts derive(DealState state, TenantProfile profile) {
        if (state == null || state.latest().deleted()) {
            return null;
        }
        var deal = state.latest();
        var homeAmount = homeAmount(deal, profile.homeCurrency());
        var closed = deal.stage().isClosed();
        return new DealFacts(
                Dimension.valueOfAttribute(deal.ownerId()),
                Dimension.valueOfAttribute(deal.pipelineId()),
                Dimension.valueOfAttribute(deal.leadSource()),
                deal.stage(),
                profile.epochDayOf(deal.createdAt()),
                closed ? profile.epochDayOf(deal.closedAt()) : 0,
                homeAmount,
                homeAmount == null && deal.amount() != null,
                homeAmount == null ? BigDecimal.ZERO : weighted(homeAmount, openProbability(state)),
                closed ? deal.closedAt() - deal.createdAt() : 0);
    }

    private static BigDecimal homeAmount(DealVersion deal, String homeCurrency) {
        if (deal.amount() == null || homeCurrency == null) {
            return null;
        }
        if (deal.amount().isIn(homeCurrency)) {
            return deal.amount().value();
        }
        var converted = deal.amountInHomeCurrency();
        return converted != null && converted.isIn(homeCurrency) ? converted.value() : null;
    }

    /** The current probability while open; once closed, the one of the last OPEN version seen, if any. */
    private static Double openProbability(DealState state) {
        if (!state.latest().stage().isClosed()) {
            return state.latest().probability();
        }
        return state.lastOpen() == null ? null : state.lastOpen().probability();
    }

    private static BigDecimal weighted(BigDecimal amount, Double probability) {
        return probability == null ? BigDecimal.ZERO : amount.multiply(BigDecimal.valueOf(probability));
    }
}
