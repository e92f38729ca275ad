package dev.ledgerline.simulator.monday;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.company.Account;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.Contact;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Deal;
import dev.ledgerline.simulator.company.DealStage;
import dev.ledgerline.simulator.company.Entity;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.company.Lead;
import dev.ledgerline.simulator.company.LeadStatus;
import dev.ledgerline.simulator.company.Owner;
import dev.ledgerline.simulator.company.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The company's monday.com part ({@link CrmSplit}) as the boards of monday's sales-CRM template: Deals, Leads,
 * Contacts, Accounts and Products, each record an item with the template's columns (status columns with their labels
 * in {@code settings_str}, numbers, date, people, board_relation, email, phone, text), {@code value} a JSON string as
 * monday sends it. A deal's value is in the home currency to the cent (numbers columns carry no currency); its close
 * date is the day (UTC) it closed, else its expected close date. The template keeps no line items, invoices or
 * payments. An archived record of the company is an {@code archived} item when its id is even, a {@code deleted}
 * one otherwise (both are removals). Read only inside {@link Company#read}.
 */
final class MondayBoards {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long FIRST_BOARD = 1_900_000_101L;
    private static final long FIRST_ITEM = 18_000_000_000L;
    private static final long ITEMS_PER_KIND = 1_000_000_000L;
    private static final long USER_OFFSET = 30_000_000L;

    /** A column of a board: its id, title, type and, for a status column, its labels by index. */
    record Column(String id, String title, String type, Map<Integer, String> labels) {
        ObjectNode json() {
            ObjectNode settings = JSON.objectNode();
            if (!labels.isEmpty()) {
                ObjectNode byIndex = settings.putObject("labels");
                labels.forEach((index, label) -> byIndex.put(String.valueOf(index), label));
            }
            return JSON.objectNode().put("id", id).put("title", title).put("type", type)
                    .put("settings_str", settings.toString());
        }
    }

    /** The template's boards, in the order monday lists them, each holding one kind of record. */
    enum Board {
        DEALS("Deals", Kind.DEAL, List.of(
                status("deal_stage", "Stage", labels(DealStage.values())),
                new Column("deal_value", "Deal Value", "numbers", Map.of()),
                new Column("deal_expected_close_date", "Expected Close Date", "date", Map.of()),
                new Column("deal_owner", "Owner", "people", Map.of()),
                new Column("deal_contact", "Contacts", "board_relation", Map.of()),
                new Column("deal_account", "Accounts", "board_relation", Map.of()))),
        LEADS("Leads", Kind.LEAD, List.of(
                status("lead_status", "Status", labels(LeadStatus.values())),
                new Column("lead_email", "Email", "email", Map.of()),
                new Column("lead_phone", "Phone", "phone", Map.of()),
                new Column("lead_company", "Company", "text", Map.of()),
                new Column("lead_title", "Title", "text", Map.of()),
                new Column("lead_owner", "Owner", "people", Map.of()))),
        CONTACTS("Contacts", Kind.CONTACT, List.of(
                new Column("contact_email", "Email", "email", Map.of()),
                new Column("contact_phone", "Phone", "phone", Map.of()),
                new Column("contact_title", "Title", "text", Map.of()),
                new Column("contact_account", "Accounts", "board_relation", Map.of()),
                new Column("contact_owner", "Owner", "people", Map.of()))),
        ACCOUNTS("Accounts", Kind.ACCOUNT, List.of(
                new Column("account_domain", "Domain", "text", Map.of()),
                new Column("account_phone", "Phone", "phone", Map.of()),
                status("account_industry", "Industry", industryLabels()),
                new Column("account_owner", "Owner", "people", Map.of()))),
        PRODUCTS("Products", Kind.PRODUCT, List.of(
                new Column("product_price", "Price", "numbers", Map.of()),
                new Column("product_sku", "SKU", "text", Map.of()),
                new Column("product_description", "Description", "long_text", Map.of())));

        private final String title;
        private final Kind kind;
        private final List<Column> columns;

        Board(String title, Kind kind, List<Column> columns) {
            this.title = title;
            this.kind = kind;
            this.columns = columns;
        }

        String id() {
            return String.valueOf(FIRST_BOARD + ordinal());
        }

        Kind kind() {
            return kind;
        }

        ObjectNode json() {
            ObjectNode board = JSON.objectNode().put("id", id()).put("name", title);
            ArrayNode all = board.putArray("columns");
            all.add(JSON.objectNode().put("id", "name").put("title", "Name").put("type", "name")
                    .put("settings_str", "{}"));
            columns.forEach(column -> all.add(column.json()));
            return board;
        }

        static Optional<Board> byId(String id) {
            for (Board board : values()) {
                if (board.id().equals(id)) {
                    return Optional.of(board);
                }
            }
            return Optional.empty();
        }

        static Optional<Board> of(Kind kind) {
            for (Board board : values()) {
                if (board.kind == kind) {
                    return Optional.of(board);
                }
            }
            return Optional.empty();
        }
    }

    private final Company company;
    private final CrmSplit split;

    MondayBoards(Company company, CrmSplit split) {
        this.company = company;
        this.split = split;
    }

    /** The item id of a record on its board: one id space over all boards, as monday numbers items. */
    static long itemId(Kind kind, long id) {
        return FIRST_ITEM + (kind.ordinal() + 1) * ITEMS_PER_KIND + id % ITEMS_PER_KIND;
    }

    /** The monday user id of an owner. */
    static long userId(long ownerId) {
        return ownerId + USER_OFFSET;
    }

    /** The board's records the account holds, archived ones included, by id. */
    List<Entity> held(Board board) {
        List<Entity> held = new ArrayList<>();
        for (Entity entity : company.all(board.kind()).values()) {
            if (held(board.kind(), entity)) {
                held.add(entity);
            }
        }
        return held;
    }

    boolean held(Kind kind, Entity entity) {
        return split.holds(company, CrmSplit.Crm.MONDAY, kind, entity);
    }

    /**
     * The record id behind an item id of the kind's board, or null for an item id of another board; {@code firstId} is
     * any id of the kind (ids of a kind count up from a base that item ids leave out).
     */
    static Long entityId(Kind kind, long itemId, long firstId) {
        long offset = itemId - FIRST_ITEM - (kind.ordinal() + 1) * ITEMS_PER_KIND;
        if (offset < 0 || offset >= ITEMS_PER_KIND) {
            return null;
        }
        return firstId / ITEMS_PER_KIND * ITEMS_PER_KIND + offset;
    }

    /** An item's state: archived records of the company are archived or deleted items. */
    static String state(Entity entity) {
        return !entity.archived() ? "active" : entity.id() % 2 == 0 ? "archived" : "deleted";
    }

    /** An item with every field of the connector's reads. */
    ObjectNode item(Board board, Entity entity) {
        ObjectNode item = JSON.objectNode().put("id", String.valueOf(itemId(board.kind(), entity.id())))
                .put("name", name(entity)).put("state", state(entity))
                .put("created_at", time(entity.createdAt())).put("updated_at", time(updatedAt(entity)));
        Long owner = owner(entity);
        if (owner == null) {
            item.putNull("creator_id");
        } else {
            item.put("creator_id", String.valueOf(userId(owner)));
        }
        item.putObject("group").put("id", "topics").put("title", board == Board.DEALS ? "Active Deals" : board.title);
        ArrayNode values = item.putArray("column_values");
        for (Column column : board.columns) {
            values.add(value(column, entity));
        }
        return item;
    }

    /**
     * When the item last changed: a person of another CRM's accounts is entered here with the first of this account's
     * deals or leads naming them, so the item changes then and an incremental read finds it.
     */
    Instant updatedAt(Entity entity) {
        Instant updated = entity.modifiedAt();
        if (entity instanceof Contact contact && !split.enteredAtCreation(company, CrmSplit.Crm.MONDAY, contact)) {
            List<Entity> naming = new ArrayList<>();
            company.dealsOfContact(contact.id()).forEach(id -> naming.add(company.get(Kind.DEAL, id)));
            company.leadsOf(contact.id()).forEach(id -> naming.add(company.get(Kind.LEAD, id)));
            Instant entered = null;
            for (Entity record : naming) {
                Kind kind = record instanceof Deal ? Kind.DEAL : Kind.LEAD;
                if (held(kind, record) && (entered == null || record.createdAt().isBefore(entered))) {
                    entered = record.createdAt();
                }
            }
            if (entered != null && entered.isAfter(updated)) {
                updated = entered;
            }
        }
        return updated;
    }

    /** A user of the account, as {@code users} answers. */
    static ObjectNode user(Owner owner) {
        return JSON.objectNode().put("id", String.valueOf(userId(owner.id())))
                .put("name", owner.firstName() + " " + owner.lastName()).put("email", owner.email())
                .put("enabled", !owner.archived()).put("is_guest", false).put("title", owner.team().name());
    }

    /** A deal's value as its numbers column holds it: in the home currency, to the cent; null without one. */
    static BigDecimal dealValue(Deal deal) {
        return deal.amountInHomeCurrency() == null ? null
                : deal.amountInHomeCurrency().setScale(2, RoundingMode.HALF_UP);
    }

    /** A deal's date column: the day (UTC) a closed deal closed, else its expected close date. */
    static LocalDate closeDate(Deal deal) {
        return deal.closedAt() != null ? deal.closedAt().atZone(ZoneOffset.UTC).toLocalDate()
                : deal.expectedCloseDate();
    }

    private String name(Entity entity) {
        if (entity instanceof Deal deal) {
            return deal.name();
        }
        if (entity instanceof Lead lead) {
            Contact contact = company.get(Kind.CONTACT, lead.contactId());
            return contact.firstName() + " " + contact.lastName();
        }
        if (entity instanceof Contact contact) {
            return contact.firstName() + " " + contact.lastName();
        }
        if (entity instanceof Account account) {
            return account.name();
        }
        return ((Product) entity).name();
    }

    private static Long owner(Entity entity) {
        if (entity instanceof Deal deal) {
            return deal.ownerId();
        }
        if (entity instanceof Lead lead) {
            return lead.ownerId();
        }
        if (entity instanceof Contact contact) {
            return contact.ownerId();
        }
        if (entity instanceof Account account) {
            return account.ownerId();
        }
        return null;
    }

    private ObjectNode value(Column column, Entity entity) {
        return switch (column.id()) {
            case "deal_stage" -> {
                DealStage stage = ((Deal) entity).stage();
                yield status(column, stage == null ? null : stage.ordinal());
            }
            case "deal_value" -> number(column, dealValue((Deal) entity));
            case "deal_expected_close_date" -> date(column, closeDate((Deal) entity));
            case "deal_owner", "lead_owner", "contact_owner", "account_owner" -> people(column, owner(entity));
            case "deal_contact" -> links(column, Kind.CONTACT, ((Deal) entity).contactIds());
            case "deal_account" -> links(column, Kind.ACCOUNT, optional(((Deal) entity).accountId()));
            case "lead_status" -> status(column, ((Lead) entity).status().ordinal());
            case "lead_email" -> email(column, contactOf((Lead) entity).email());
            case "lead_phone" -> phone(column, contactOf((Lead) entity).phone());
            case "lead_company" -> text(column, accountName(contactOf((Lead) entity)));
            case "lead_title" -> text(column, contactOf((Lead) entity).jobTitle());
            case "contact_email" -> email(column, ((Contact) entity).email());
            case "contact_phone" -> phone(column, ((Contact) entity).phone());
            case "contact_title" -> text(column, ((Contact) entity).jobTitle());
            case "contact_account" -> links(column, Kind.ACCOUNT, optional(((Contact) entity).accountId()));
            case "account_domain" -> text(column, ((Account) entity).domain());
            case "account_phone" -> phone(column, ((Account) entity).phone());
            case "account_industry" -> {
                String industry = ((Account) entity).industry();
                yield status(column, industry == null ? null : Account.industries().indexOf(industry));
            }
            case "product_price" -> number(column, ((Product) entity).price());
            case "product_sku" -> text(column, ((Product) entity).sku());
            case "product_description" -> {
                String description = ((Product) entity).description();
                yield column(column, description,
                        description == null ? null : JSON.objectNode().put("text", description).toString());
            }
            default -> throw new IllegalStateException("no value for column " + column.id());
        };
    }

    private Contact contactOf(Lead lead) {
        return company.get(Kind.CONTACT, lead.contactId());
    }

    private String accountName(Contact contact) {
        return contact.accountId() == null ? null : company.<Account>get(Kind.ACCOUNT, contact.accountId()).name();
    }

    private static List<Long> optional(Long id) {
        return id == null ? List.of() : List.of(id);
    }

    private static ObjectNode column(Column column, String text, String value) {
        ObjectNode node = JSON.objectNode().put("id", column.id()).put("type", column.type())
                .put("text", text == null ? "" : text);
        return value == null ? node.putNull("value") : node.put("value", value);
    }

    private static ObjectNode status(Column column, Integer index) {
        return column(column, index == null ? null : column.labels().get(index),
                index == null ? null : JSON.objectNode().put("index", index).putNull("post_id").toString());
    }

    private static ObjectNode number(Column column, BigDecimal number) {
        return column(column, number == null ? null : number.toPlainString(),
                number == null ? null : JSON.textNode(number.toPlainString()).toString());
    }

    private static ObjectNode date(Column column, LocalDate date) {
        return column(column, date == null ? null : date.toString(),
                date == null ? null : JSON.objectNode().put("date", date.toString()).putNull("icon").toString());
    }

    private static ObjectNode text(Column column, String text) {
        return column(column, text, text == null ? null : JSON.textNode(text).toString());
    }

    private static ObjectNode email(Column column, String email) {
        return column(column, email,
                email == null ? null : JSON.objectNode().put("email", email).put("text", email).toString());
    }

    private static ObjectNode phone(Column column, String phone) {
        return column(column, phone, phone == null ? null
                : JSON.objectNode().put("phone", phone).put("countryShortName", "US").toString());
    }

    private ObjectNode people(Column column, Long ownerId) {
        if (ownerId == null) {
            return column(column, null, null);
        }
        Owner owner = company.get(Kind.OWNER, ownerId);
        ObjectNode value = JSON.objectNode();
        value.putArray("personsAndTeams").addObject().put("id", userId(ownerId)).put("kind", "person");
        return column(column, owner.firstName() + " " + owner.lastName(), value.toString());
    }

    /** A board_relation column's links: only to items the account holds (a record elsewhere has no item here). */
    private ObjectNode links(Column column, Kind kind, List<Long> ids) {
        ObjectNode value = JSON.objectNode();
        ArrayNode linked = value.putArray("linkedPulseIds");
        List<String> names = new ArrayList<>();
        for (long id : ids) {
            Entity target = company.get(kind, id);
            if (target != null && held(kind, target)) {
                linked.addObject().put("linkedPulseId", itemId(kind, id));
                names.add(name(target));
            }
        }
        return linked.isEmpty() ? column(column, null, null)
                : column(column, String.join(", ", names), value.toString());
    }

    private static Column status(String id, String title, Map<Integer, String> labels) {
        return new Column(id, title, "status", labels);
    }

    /** A status column's labels for an enum's constants, each at its ordinal. */
    private static Map<Integer, String> labels(Enum<?>[] constants) {
        Map<Integer, String> labels = new LinkedHashMap<>();
        for (Enum<?> constant : constants) {
            labels.put(constant.ordinal(), label(constant.name()));
        }
        return labels;
    }

    private static Map<Integer, String> industryLabels() {
        Map<Integer, String> labels = new LinkedHashMap<>();
        List<String> industries = Account.industries();
        for (int i = 0; i < industries.size(); i++) {
            labels.put(i, industries.get(i));
        }
        return labels;
    }

    /** {@code DECISION_MAKER_BOUGHT_IN} as "Decision maker bought in"; won and lost stages read "Won" and "Lost". */
    private static String label(String constant) {
        String words = constant.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** monday's time spelling: UTC to the second. */
    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
