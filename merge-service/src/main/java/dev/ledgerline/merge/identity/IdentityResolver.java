package dev.ledgerline.merge.identity;

import dev.ledgerline.merge.identity.Resolution.LinkReason;
import dev.ledgerline.merge.identity.Resolution.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The matching core: resolves one contact (person) or account (company) against a tenant's already linked
 * records. Exact matches (the same source record, the same personal email) link at once; otherwise the records
 * sharing a blocking key are scored (Fellegi–Sunter, {@link MatchScorer}) and the best score per customer decides:
 * at or above the auto-link threshold a link, at or above the review threshold a review item, else no match.
 * Never throws on bad input: a record with nothing to match on is {@link Outcome#INSUFFICIENT_IDENTITY}.
 */
public final class IdentityResolver {

    private final CandidateIndex index;
    private final RecordComparator comparator = new RecordComparator();

    public IdentityResolver(CandidateIndex index) {
        this.index = index;
    }

    public Resolution resolve(String tenantId, IdentityRecord record, ModelParameters model, MatchSettings settings) {
        if (model.kind() != record.kind()) {
            throw new IllegalArgumentException("a " + model.kind() + " model cannot score a " + record.kind());
        }
        NormalizedIdentity identity = new IdentityNormalizer(settings.defaultRegion()).normalize(record);
        if (!identity.identifiable()) {
            return Resolution.insufficientIdentity(identity);
        }
        MatchScorer scorer = new MatchScorer(settings.minRecordsForTermFrequencies(), settings.minTermFrequency());
        TermFrequencies frequencies = index.termFrequencies(tenantId, identity);
        Optional<IndexedIdentity> sameRecord = index.find(tenantId, record.ref());
        if (sameRecord.isPresent()) {
            Candidate candidate = candidate(identity, sameRecord.get(), model, frequencies, scorer);
            return new Resolution(identity, Outcome.LINK, LinkReason.SAME_SOURCE_RECORD,
                    sameRecord.get().customerId(), List.of(withReason(candidate, "same source record")), Map.of(), 0);
        }
        CandidateLookup lookup = index.candidates(tenantId, record.kind(), BlockingKeys.of(identity),
                settings.maxPerBlockingKey());
        Map<String, Candidate> bestPerCustomer = new LinkedHashMap<>();
        Map<String, Candidate> sameEmailPerCustomer = new LinkedHashMap<>();
        for (IndexedIdentity indexed : lookup.candidates()) {
            Candidate candidate = candidate(identity, indexed, model, frequencies, scorer);
            bestPerCustomer.merge(indexed.customerId(), candidate, IdentityResolver::better);
            if (sharesEmail(identity, indexed.identity())) {
                sameEmailPerCustomer.merge(indexed.customerId(), candidate, IdentityResolver::better);
            }
        }
        int compared = lookup.candidates().size();
        if (!sameEmailPerCustomer.isEmpty()) {
            List<Candidate> byEmail = ranked(sameEmailPerCustomer);
            if (byEmail.size() == 1) {
                Candidate only = withReason(byEmail.get(0), "same email " + sharedEmail(identity, byEmail.get(0)));
                return new Resolution(identity, Outcome.LINK, LinkReason.SAME_EMAIL, only.customerId(),
                        List.of(only), lookup.skippedKeys(), compared);
            }
            List<Candidate> ambiguous = byEmail.stream()
                    .map(c -> withReason(c, "same email as " + byEmail.size() + " customers: "
                            + sharedEmail(identity, c)))
                    .limit(settings.maxReviewCandidates()).toList();
            return new Resolution(identity, Outcome.REVIEW, null, null, ambiguous, lookup.skippedKeys(), compared);
        }
        MatchSettings.Thresholds thresholds = settings.thresholds(record.kind());
        List<Candidate> ranked = ranked(bestPerCustomer).stream()
                .filter(c -> c.weight() >= thresholds.review()).toList();
        if (ranked.isEmpty()) {
            return new Resolution(identity, Outcome.NO_MATCH, null, null, List.of(), lookup.skippedKeys(), compared);
        }
        Candidate best = ranked.get(0);
        boolean secondAlsoAuto = ranked.size() > 1 && ranked.get(1).weight() >= thresholds.autoLink();
        if (best.weight() >= thresholds.autoLink() && !secondAlsoAuto) {
            return new Resolution(identity, Outcome.LINK, LinkReason.SCORE_ABOVE_AUTO_LINK_THRESHOLD,
                    best.customerId(), List.of(best), lookup.skippedKeys(), compared);
        }
        List<Candidate> review = ranked.stream()
                .filter(c -> c.weight() >= best.weight() - settings.reviewWindow())
                .limit(settings.maxReviewCandidates()).toList();
        return new Resolution(identity, Outcome.REVIEW, null, null, review, lookup.skippedKeys(), compared);
    }

    private Candidate candidate(NormalizedIdentity identity, IndexedIdentity indexed, ModelParameters model,
            TermFrequencies frequencies, MatchScorer scorer) {
        MatchExplanation explanation = scorer.score(comparator.compare(identity, indexed.identity()), model,
                frequencies);
        return new Candidate(indexed.customerId(), indexed.ref(), explanation, reason(explanation));
    }

    private static Candidate better(Candidate a, Candidate b) {
        return b.weight() > a.weight() ? b : a;
    }

    private static List<Candidate> ranked(Map<String, Candidate> perCustomer) {
        List<Candidate> ranked = new ArrayList<>(perCustomer.values());
        ranked.sort(Comparator.comparingDouble(Candidate::weight).reversed().thenComparing(Candidate::customerId));
        return ranked;
    }

    private static boolean sharesEmail(NormalizedIdentity a, NormalizedIdentity b) {
        return a.emails().stream().anyMatch(b.emails()::contains);
    }

    private static String sharedEmail(NormalizedIdentity identity, Candidate candidate) {
        return candidate.explanation().of(MatchField.EMAIL).comparison().left().isEmpty() ? ""
                : candidate.explanation().of(MatchField.EMAIL).comparison().left();
    }

    private static Candidate withReason(Candidate candidate, String lead) {
        String reason = candidate.reason().isEmpty() ? lead : lead + "; " + candidate.reason();
        return new Candidate(candidate.customerId(), candidate.matchedRecord(), candidate.explanation(), reason);
    }

    /** The agreeing fields, strongest first, e.g. "LAST_NAME exact 'wojciechowski' (+14.1)". */
    static String reason(MatchExplanation explanation) {
        List<String> parts = new ArrayList<>();
        explanation.comparisons().stream()
                .filter(c -> c.weight() > 0)
                .sorted(Comparator.comparingDouble(WeightedComparison::weight).reversed())
                .forEach(c -> parts.add(String.format(Locale.ROOT, "%s %s '%s'%s (%+.1f)", c.comparison().field(),
                        c.comparison().level().name().toLowerCase(Locale.ROOT), c.comparison().right(),
                        c.comparison().note() == null ? "" : " [" + c.comparison().note() + "]", c.weight())));
        return String.join("; ", parts);
    }
}
