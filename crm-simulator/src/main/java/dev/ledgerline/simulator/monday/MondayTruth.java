package dev.ledgerline.simulator.monday;

import dev.ledgerline.simulator.company.Deal;
import dev.ledgerline.simulator.company.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What the monday.com account stores of a company record where it differs from the record: for the ground truth. */
public final class MondayTruth {
    private MondayTruth() {
    }

    /** The record's item id (an owner's user id); kinds the template's boards do not hold have none. */
    public static String id(Kind kind, long id) {
        return switch (kind) {
            case OWNER -> String.valueOf(MondayBoards.userId(id));
            case LINE_ITEM, INVOICE, PAYMENT -> null;
            default -> String.valueOf(MondayBoards.itemId(kind, id));
        };
    }

    /** The deal's value column: in the home currency, to the cent; null without one. */
    public static BigDecimal amount(Deal deal) {
        return MondayBoards.dealValue(deal);
    }

    /** The deal's close date column: for a closed deal, the day (UTC) it closed. */
    public static LocalDate closeDate(Deal deal) {
        return MondayBoards.closeDate(deal);
    }
}
