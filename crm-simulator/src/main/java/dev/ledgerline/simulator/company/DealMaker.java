package dev.ledgerline.simulator.company;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes new deals as the company's reps enter them, for the generated history and for later activity alike: named
 * after the customer and topic, in the customer's currency, with the primary contact and sometimes a colleague, and
 * with an amount that is the sum of product line items, typed in by hand, or missing.
 */
final class DealMaker {
    private static final double COLLEAGUE_SHARE = 0.2;
    private static final double LINE_ITEMS_SHARE = 0.75;
    private static final double MANUAL_AMOUNT_SHARE = 0.2;
    private static final int[] DISCOUNTS = {0, 0, 0, 0, 0, 0, 5, 10, 15, 20};

    private final Company company;

    DealMaker(Company company) {
        this.company = company;
    }

    /**
     * A new deal, added to the company, entering the first stage of the pipeline (or the second, for a lead that came
     * in qualified) at {@code createdAt}; a deal {@code withoutStage} has no stage, and without a pipeline none either.
     */
    Deal create(Random random, Instant createdAt, Contact contact, Long ownerId, LeadSource source,
            boolean newBusiness, boolean withoutStage, boolean withoutPipeline) {
        Account account = contact.accountId() == null ? null : company.get(Kind.ACCOUNT, contact.accountId());
        String country = account != null && account.address() != null ? account.address().country()
                : contact.address() == null ? null : contact.address().country();
        String currency = Currencies.forCountry(country, random);
        String customer = account != null ? account.name() : contact.firstName() + " " + contact.lastName();
        List<Long> contacts = new ArrayList<>(List.of(contact.id()));
        if (account != null && random.nextDouble() < COLLEAGUE_SHARE) {
            List<Long> colleagues = company.contactsOf(account.id()).stream()
                    .filter(id -> id != contact.id())
                    .filter(id -> {
                        Contact colleague = company.get(Kind.CONTACT, id);
                        return !colleague.archived() && !colleague.createdAt().isAfter(createdAt);
                    }).toList();
            if (!colleagues.isEmpty()) {
                contacts.add(Vocabulary.pick(random, colleagues));
            }
        }
        Deal deal = new Deal(company.nextId(Kind.DEAL), createdAt,
                customer + " - " + Vocabulary.pick(random, Vocabulary.DEAL_TOPICS), currency, !withoutPipeline,
                ownerId, source, newBusiness, contacts, account == null ? null : account.id());
        company.add(Kind.DEAL, deal);
        double kind = random.nextDouble();
        if (kind < LINE_ITEMS_SHARE) {
            BigDecimal total = BigDecimal.ZERO;
            for (Product product : products(random)) {
                LineItem line = line(random, product, currency, createdAt);
                company.add(Kind.LINE_ITEM, line);
                deal.addLineItem(line.id());
                total = total.add(line.amount());
            }
            deal.amount(total, Currencies.toHome(total, currency));
        } else if (kind < LINE_ITEMS_SHARE + MANUAL_AMOUNT_SHARE) {
            // Typed in by the rep: a round figure.
            BigDecimal amount = BigDecimal.valueOf(500L * (1 + (long) Timing.logNormal(random, 12, 0.9)))
                    .setScale(2);
            deal.amount(amount, Currencies.toHome(amount, currency));
        }
        if (!withoutStage) {
            deal.enter(random.nextDouble() < 0.25 ? DealStage.QUALIFIED : DealStage.FIRST_MEETING, createdAt);
        }
        return deal;
    }

    /** Copies of a won deal's lines for its invoice: same products and terms, their own ids. */
    List<Long> copyLines(Deal deal, Instant createdAt) {
        List<Long> copies = new ArrayList<>();
        for (long id : deal.lineItemIds()) {
            LineItem line = company.<LineItem>get(Kind.LINE_ITEM, id).copy(company.nextId(Kind.LINE_ITEM), createdAt);
            company.add(Kind.LINE_ITEM, line);
            copies.add(line.id());
        }
        return copies;
    }

    private List<Product> products(Random random) {
        List<Product> catalogue = new ArrayList<>(company.<Product>all(Kind.PRODUCT).values());
        catalogue.removeIf(Entity::archived);
        int count = 1 + random.nextInt(Math.min(3, catalogue.size()));
        List<Product> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            Product product = Vocabulary.pick(random, catalogue);
            if (!chosen.contains(product)) {
                chosen.add(product);
            }
        }
        return chosen;
    }

    private LineItem line(Random random, Product product, String currency, Instant createdAt) {
        Vocabulary.ProductSpec spec = Vocabulary.CATALOGUE.stream()
                .filter(candidate -> candidate.sku().equals(product.sku())).findFirst().orElseThrow();
        int quantity = spec.minQuantity() + random.nextInt(spec.maxQuantity() - spec.minQuantity() + 1);
        return new LineItem(company.nextId(Kind.LINE_ITEM), createdAt, product,
                BigDecimal.valueOf(quantity), Currencies.fromHome(product.price(), currency),
                BigDecimal.valueOf(DISCOUNTS[random.nextInt(DISCOUNTS.length)]), currency);
    }
}
