package dev.ledgerline.simulator.company;

/**
 * How big the generated company is. Contacts (duplicates included) and deals are given; the rest follows in the
 * proportions of a mid-sized B2B seller: about one account per three contacts, one owner per 400 deals (at least
 * four), two leads per five deals.
 *
 * @param dealsWithoutStage how many deals have no stage (and half of them no pipeline either), as deals created
 *                          through the API without them do
 */
public record CompanySize(int contacts, int deals, int dealsWithoutStage) {

    /** About 2,000 contacts and 5,000 deals over the last 18 months. */
    public static final CompanySize STANDARD = new CompanySize(2000, 5000, 20);

    public CompanySize {
        if (contacts < 1 || deals < 0 || dealsWithoutStage < 0 || dealsWithoutStage > deals) {
            throw new IllegalArgumentException("a company needs at least one contact, and no more deals without a "
                    + "stage than deals: contacts " + contacts + ", deals " + deals + ", without stage "
                    + dealsWithoutStage);
        }
    }

    int accounts() {
        return Math.max(1, contacts * 3 / 10);
    }

    int owners() {
        return Math.min(25, Math.max(4, deals / 400));
    }

    int leads() {
        return deals * 2 / 5;
    }
}
