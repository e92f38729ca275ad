/**
 * The exact KPI computation core of kpi-service: plain Java, no Kafka, no CDI. A Kafka Streams processor
 * keeps the state described below in its stores and calls {@link dev.ledgerline.kpi.compute.DealUpdates},
 * {@link dev.ledgerline.kpi.compute.LeadUpdates}, {@link dev.ledgerline.kpi.compute.Contributions} and
 * {@link dev.ledgerline.kpi.compute.KpiCalculator}; {@link dev.ledgerline.kpi.compute.KpiBook} does the
 * same in memory, for tests and for serving.
 *
 * <h2>Semantics (decisions)</h2>
 *
 * <ul>
 *   <li><b>Tenant settings.</b> Time zone (default UTC), home currency (default unknown; a blank one is
 *       unknown), fiscal-year start month (default 1). Days are calendar days in the tenant's zone. Records
 *       may arrive before the settings: they are derived under the defaults. A change of zone or home
 *       currency re-derives every contribution of the tenant from its stored deal and lead states
 *       ({@link dev.ledgerline.kpi.compute.TenantKpiState#updateProfile}; a store-backed topology drops the
 *       tenant's buckets and applies {@code Contributions.ofDeal/ofLead} of every stored state). A change of
 *       fiscal-year start only changes how QUARTER and YEAR are cut at query time. A settings tombstone
 *       drops the tenant and all its state.</li>
 *   <li><b>Latest state per key.</b> Versions are ordered by {@code sourceUpdatedAt}; a version older than
 *       the stored one is ignored (outcome STALE); on equal timestamps the later arrival wins (a
 *       stage-mapping change re-emits deals with the same timestamp). A DELETE record is a version: it
 *       removes every contribution and is kept, so older versions stay ignored and only a newer UPSERT
 *       revives the deal. A tombstone (null value) removes the contributions and the state, version
 *       history included: what arrives after it starts afresh.</li>
 *   <li><b>Rejected records.</b> An UPSERT deal is rejected when it lacks createdAt or stageCategory, has a
 *       negative {@code amount} or {@code amountInHomeCurrency}, is WON or LOST without closedAt, or has
 *       closedAt before createdAt; an UPSERT lead when it lacks createdAt or status. A rejected record
 *       removes nothing and changes nothing: the last valid state stays, the rejected version does not
 *       take part in version ordering nor in the last-open memory. The outcome carries the
 *       {@link dev.ledgerline.kpi.compute.RejectReason} for the caller to dead-letter and count. Records are
 *       validated before they are compared with the stored version, so a stale invalid record is reported
 *       as rejected too. closedAt of an OPEN deal is ignored.</li>
 *   <li><b>Amounts.</b> The home amount is {@code amount} when its currency is the home currency, else
 *       {@code amountInHomeCurrency} when present and in the home currency; else the deal is
 *       <i>unconverted</i>: it counts in count KPIs, is left out of amount KPIs, and each amount KPI reports
 *       how many such deals it left out ({@code unconvertedDealCount}). While the home currency is unknown
 *       every deal with an amount is unconverted. A deal without amount counts in count KPIs only and is
 *       not unconverted. Money is exact: BigDecimal sums, weighted amount =
 *       {@code homeAmount.multiply(BigDecimal.valueOf(probability))}, no rounding inside the engine.
 *       Averages and ratios are divided to 34 significant digits (DECIMAL128).</li>
 *   <li><b>Dimensions.</b> ALL (value {@code *}), OWNER ({@code ownerId}), PIPELINE ({@code pipelineId}),
 *       LEAD_SOURCE ({@code leadSource}); a missing attribute is the value {@code ""}. Leads have no
 *       pipeline: lead KPIs exist for ALL, OWNER and LEAD_SOURCE only (a PIPELINE slice reports 0 leads).</li>
 *   <li><b>Windows</b> for an as-of day T: P7D/P30D/P90D/P365D are the N days ending with T inclusive;
 *       MONTH/QUARTER/YEAR run from the first day of the calendar period containing T to T inclusive
 *       (period to date); QUARTER and YEAR follow the fiscal-year start month, a fiscal year being named by
 *       the calendar year it ends in ({@link dev.ledgerline.kpi.compute.Window#periodLabel}).</li>
 *   <li><b>KPIs.</b> Leads by created day, with their <i>current</i> status: LEADS_COUNT,
 *       LEAD_QUALIFICATION_RATE (QUALIFIED or CONVERTED ÷ created), LEAD_CONVERSION_RATE (CONVERTED ÷
 *       created). Deals by closed day: DEALS_WON_COUNT, DEALS_LOST_COUNT, WIN_RATE (won ÷ (won + lost)),
 *       AVG_WON_DEAL_AMOUNT and AVG_LOST_DEAL_AMOUNT (sum ÷ count of those with a home amount).
 *       AVG_DEAL_SIZE: deals created in the window, any stage, with a home amount. AVG_TIME_TO_CLOSE_DAYS:
 *       won deals closed in the window, mean of (closedAt − createdAt) in days = millis ÷ 86,400,000.
 *       TIME_TO_CLOSE_P50_DAYS / P90: nearest rank over floor(days), the smallest d with at least p % of
 *       the durations ≤ d. Stock KPIs, as of the end of T whatever the window: OPEN_DEALS_COUNT (created day
 *       ≤ T and (OPEN or closed day &gt; T)), PIPELINE_VALUE (their home amounts), WEIGHTED_PIPELINE_VALUE
 *       (each one's current home amount × its probability while open: the current probability of a deal
 *       still open; for a deal closed since, the probability of its OPEN version with the greatest
 *       sourceUpdatedAt among all valid versions received, stale ones included, later arrival winning
 *       ties; a deal never seen OPEN, or whose open probability is null, weighs 0).</li>
 *   <li><b>Results.</b> A ratio or average with a zero denominator has a null value, never 0 or NaN; a
 *       percentile over no duration is null. Every {@link dev.ledgerline.kpi.compute.KpiResult} carries
 *       numerator and denominator (or sum and count), unit (COUNT, RATIO, AMOUNT, DAYS, the KpiUnit
 *       symbols), the home currency for amounts and the unconverted count.</li>
 * </ul>
 *
 * <h2>Structure</h2>
 *
 * <p>Wire records are mapped by {@link dev.ledgerline.kpi.compute.WireMapping} into zone-independent
 * versions ({@link dev.ledgerline.kpi.compute.DealVersion}, {@link dev.ledgerline.kpi.compute.LeadVersion}).
 * Per deal key the state is a {@link dev.ledgerline.kpi.compute.DealState}: the latest accepted version
 * plus the last OPEN version's (timestamp, probability); per lead key, the latest accepted LeadVersion.
 * Under a {@link dev.ledgerline.kpi.compute.TenantProfile} a state yields compact
 * {@link dev.ledgerline.kpi.compute.DealFacts} / {@link dev.ledgerline.kpi.compute.LeadFacts}, and those
 * yield additive contributions to {@link dev.ledgerline.kpi.compute.DayBucket}s keyed by
 * {@link dev.ledgerline.kpi.compute.BucketKey} (tenant, dimension, value, epoch day). A deal adds to its
 * created day (created count and amount, +1 open, + pipeline, + weighted) and, once closed, to its closed
 * day (won or lost count and amount, won duration sum and day histogram, −1 open, − pipeline, − weighted),
 * in its 4 slices: at most 8 buckets. A change is the new contribution minus the old one, merged per
 * bucket, zero deltas dropped ({@link dev.ledgerline.kpi.compute.StateUpdate#changes()}): a re-sync of the
 * same state yields no change at all.
 *
 * <h2>Cost</h2>
 *
 * <ul>
 *   <li><b>Per input record:</b> one read and at most one write of the record's state; deriving facts is a
 *       couple of zone conversions; then at most 16 bucket deltas merged into at most 8 bucket
 *       read-modify-writes for a deal (created and closed day, before and after, × 4 slices; typically 4 to
 *       8), 3 to 6 for a lead. Independent of history length and of the number of deals.</li>
 *   <li><b>Per query</b> (slice, window, T): the flow KPIs sum the non-empty buckets of the window's days
 *       (≤ 366); percentiles merge those buckets' sparse histograms. The stock KPIs need the prefix sum up
 *       to T: each {@link dev.ledgerline.kpi.compute.DaySeries} keeps the running total of all stock deltas
 *       and subtracts those of the non-empty days after T, so the cost is the number of non-empty days
 *       after T: nothing for today, a few for recent days, and never growing with the history before T. A
 *       store-backed topology does the same with one totals entry per slice and a range scan of the days
 *       after T.</li>
 *   <li><b>Rebuild</b> on a zone or home-currency change: one pass over the tenant's stored states.</li>
 * </ul>
 */
package dev.ledgerline.kpi.compute;
