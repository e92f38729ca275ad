package dev.ledgerline.merge.identity;

import dev.ledgerline.devstack.simulation.DuplicatePopulation;
import dev.ledgerline.devstack.simulation.GeneratedAccount;
import dev.ledgerline.devstack.simulation.GeneratedContact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays a generated population through the engine as merge-service would (auto-merge on: a link joins the
 * customer, no match makes a new one) with a reviewer who knows the truth (merges into a candidate that is the
 * same person, else creates a customer), and counts pairs against the ground truth.
 *
 * <p>Every record, when it arrives, forms one pair with each record already resolved; a pair is a true duplicate
 * when both describe the same person (company). An automatic link to customer C forms the pairs of the record with
 * C's records; a review candidate C proposes those pairs.
 */
final class LinkageEvaluation {

    static final String TENANT = "tenant-eval";

    /** Pair and decision counts of one replay. */
    record Result(IdentityKind kind, int records, long truePairs, long autoPairs, long autoTruePairs,
            long reviewTruePairs, int links, int reviews, int noMatches, int insufficient, long reviewCandidates,
            long reviewCandidatesTrue, long comparedRecords, long elapsedNanos, List<String> wrongLinks,
            List<String> wrongCandidates) {

        double autoPrecision() {
            return autoPairs == 0 ? 1.0 : (double) autoTruePairs / autoPairs;
        }

        double autoRecall() {
            return truePairs == 0 ? 1.0 : (double) autoTruePairs / truePairs;
        }

        double autoOrReviewRecall() {
            return truePairs == 0 ? 1.0 : (double) (autoTruePairs + reviewTruePairs) / truePairs;
        }

        double reviewPrecision() {
            return reviewCandidates == 0 ? 1.0 : (double) reviewCandidatesTrue / reviewCandidates;
        }

        double recordsPerSecond() {
            return records / (elapsedNanos / 1e9);
        }

        String describe() {
            return String.format(Locale.ROOT, "%s: %d records, %d true pairs; auto precision %.4f, auto recall %.4f, "
                    + "auto+review recall %.4f, review precision %.4f (%d candidates in %d reviews); links %d, "
                    + "no match %d, insufficient %d; %.1f records compared per resolution; %.0f records/s",
                    kind, records, truePairs, autoPrecision(), autoRecall(), autoOrReviewRecall(), reviewPrecision(),
                    reviewCandidates, reviews, links, noMatches, insufficient, (double) comparedRecords / records,
                    recordsPerSecond());
        }
    }

    private record Entry(IdentityRecord record, String truthId) {
    }

    static Result persons(DuplicatePopulation population, ModelParameters model, MatchSettings settings) {
        List<Entry> entries = new ArrayList<>();
        for (GeneratedContact generated : population.contacts()) {
            entries.add(new Entry(CrmIdentities.person(generated.contact(),
                    population.accountOf(generated.contact()).orElse(null)), generated.personId()));
        }
        return replay(IdentityKind.PERSON, entries, model, settings);
    }

    static Result companies(DuplicatePopulation population, ModelParameters model, MatchSettings settings) {
        List<Entry> entries = new ArrayList<>();
        for (GeneratedAccount generated : population.accounts()) {
            entries.add(new Entry(CrmIdentities.company(generated.account()), generated.companyId()));
        }
        return replay(IdentityKind.COMPANY, entries, model, settings);
    }

    private static Result replay(IdentityKind kind, List<Entry> entries, ModelParameters model, MatchSettings settings) {
        InMemoryCandidateIndex index = new InMemoryCandidateIndex();
        IdentityResolver resolver = new IdentityResolver(index);
        Map<String, Map<String, Integer>> truthCountsPerCustomer = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        long truePairs = 0, autoPairs = 0, autoTrue = 0, reviewTrue = 0, candidates = 0, candidatesTrue = 0;
        long compared = 0;
        int links = 0, reviews = 0, noMatches = 0, insufficient = 0, customers = 0;
        List<String> wrongLinks = new ArrayList<>();
        List<String> wrongCandidates = new ArrayList<>();
        long started = System.nanoTime();
        for (Entry entry : entries) {
            Resolution resolution = resolver.resolve(TENANT, entry.record(), model, settings);
            compared += resolution.comparedRecords();
            truePairs += seen.getOrDefault(entry.truthId(), 0);
            seen.merge(entry.truthId(), 1, Integer::sum);
            String customer;
            switch (resolution.outcome()) {
                case LINK -> {
                    links++;
                    customer = resolution.customerId();
                    Map<String, Integer> members = truthCountsPerCustomer.get(customer);
                    autoPairs += members.values().stream().mapToInt(Integer::intValue).sum();
                    autoTrue += members.getOrDefault(entry.truthId(), 0);
                    if (members.getOrDefault(entry.truthId(), 0) == 0 && wrongLinks.size() < 30) {
                        wrongLinks.add(resolution.linkReason() + " " + entry.record() + "\n"
                                + resolution.candidates().get(0).explanation().describe());
                    }
                }
                case REVIEW -> {
                    reviews++;
                    customer = null;
                    int bestTrue = 0;
                    for (Candidate candidate : resolution.candidates()) {
                        int same = truthCountsPerCustomer.get(candidate.customerId()).getOrDefault(entry.truthId(), 0);
                        candidates++;
                        reviewTrue += same;
                        if (same > 0) {
                            candidatesTrue++;
                        } else if (wrongCandidates.size() < 30) {
                            wrongCandidates.add(entry.record() + "\n" + candidate.explanation().describe());
                        }
                        if (same > bestTrue) {
                            bestTrue = same;
                            customer = candidate.customerId();
                        }
                    }
                }
                case NO_MATCH -> {
                    noMatches++;
                    customer = null;
                }
                default -> {
                    insufficient++;
                    continue;
                }
            }
            if (customer == null) {
                customer = "customer-" + customers++;
                truthCountsPerCustomer.put(customer, new HashMap<>());
            }
            truthCountsPerCustomer.get(customer).merge(entry.truthId(), 1, Integer::sum);
            index.put(TENANT, new IndexedIdentity(customer, resolution.identity()));
        }
        long elapsed = System.nanoTime() - started;
        return new Result(kind, entries.size(), truePairs, autoPairs, autoTrue, reviewTrue, links, reviews, noMatches,
                insufficient, candidates, candidatesTrue, compared, elapsed, wrongLinks, wrongCandidates);
    }

    private LinkageEvaluation() {
    }
}
