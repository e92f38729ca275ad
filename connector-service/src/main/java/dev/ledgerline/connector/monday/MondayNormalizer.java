package dev.ledgerline.connector.monday;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.mapping.StageMapping;
import dev.ledgerline.connector.sync.InvalidObject;
import dev.ledgerline.connector.sync.MissingField;
import dev.ledgerline.connector.sync.NormalizedBatch;
import dev.ledgerline.connector.sync.SyncClock;
import dev.ledgerline.connector.sync.WireValues;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.Product;
import dev.ledgerline.wire.StageCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * monday items as canonical records, each board read through its {@link BoardMapping}. Incomplete items (no stage,
 * value, close date or owner) are published and report what they lack; items whose mapped columns hold what the
 * column cannot mean (a numbers column that is not a number, a broken JSON value) are rejected with the reason.
 * Deals carry no line items: the sales-CRM template keeps a deal's value in a numbers column and its subitems are
 * free-form, so there is nothing to read quantities and unit prices from.
 */
final class MondayNormalizer {

    /**
     * @param currency the currency of numbers columns (monday's numbers carry at most a display symbol): the tenant's
     *                 home currency
     */
    record Settings(String tenantId, String connectionId, String currency, ZoneId timeZone, StageMapping stages) {
    }

    private final Settings settings;
    private final SyncClock clock;

    MondayNormalizer(Settings settings, SyncClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    NormalizedBatch<Deal> deals(List<ObjectNode> items, BoardMapping board) {
        return NormalizedBatch.of(MondayEntity.DEALS.runName(), items, MondayItem::idOf, ObjectNode::toString,
                (raw, missing) -> deal(new MondayItem(raw), board, missing));
    }

    private Deal deal(MondayItem item, BoardMapping board, Set<MissingField> missing) {
        Deal.Builder record = Deal.newBuilder().setTenantId(settings.tenantId()).setConnectionId(settings.connectionId())
                .setSource(CrmSource.MONDAY).setExternalId(item.id()).setSourceUpdatedAt(item.updatedAt())
                .setSyncedAt(clock.now());
        if (item.removed()) {
            return record.setOp(Op.DELETE).build();
        }
        String stageId = item.statusIndex(board.column("stage"));
        StageMapping.Stage stage = stageId == null ? null
                : settings.stages().lookup(board.boardId(), stageId).orElse(null);
        StageCategory category = stage == null ? StageCategory.OPEN : stage.category();
        if (stageId == null) {
            missing.add(MissingField.STAGE);
        }
        BigDecimal value = item.number(board.column("amount"));
        Money amount = value == null ? null : WireValues.money(value, settings.currency(), "the deal value");
        if (amount == null) {
            missing.add(MissingField.AMOUNT);
        }
        LocalDate closeDate = item.date(board.column("expectedCloseDate"));
        if (closeDate == null) {
            missing.add(MissingField.CLOSE_DATE);
        }
        String owner = item.person(board.column("owner"));
        if (owner == null) {
            missing.add(MissingField.OWNER);
        }
        List<String> contacts = item.linked(board.column("contacts"));
        return record.setOp(Op.UPSERT).setName(item.name()).setAmount(amount)
                .setPipelineId(board.boardId()).setPipelineLabel(board.boardName())
                .setStageId(stageId)
                .setStageLabel(stage != null ? stage.stageLabel() : item.text(board.column("stage")))
                .setStageCategory(category).setProbability(stage == null ? null : stage.probability())
                .setCreatedAt(item.createdAt()).setExpectedCloseDate(closeDate)
                .setClosedAt(category == StageCategory.OPEN ? null
                        : closeDate != null ? closeDate.atStartOfDay(settings.timeZone()).toInstant() : item.updatedAt())
                .setOwnerId(owner)
                .setContactIds(contacts).setPrimaryContactId(WireValues.first(contacts))
                .setAccountId(WireValues.first(item.linked(board.column("account"))))
                .setLineItems(List.of())
                .build();
    }

    NormalizedBatch<Contact> contacts(List<ObjectNode> items, BoardMapping board) {
        return NormalizedBatch.of(MondayEntity.CONTACTS.runName(), items, MondayItem::idOf, ObjectNode::toString,
                (raw, missing) -> {
                    MondayItem item = new MondayItem(raw);
                    Contact.Builder record = Contact.newBuilder().setTenantId(settings.tenantId())
                            .setConnectionId(settings.connectionId()).setSource(CrmSource.MONDAY)
                            .setExternalId(item.id()).setSourceUpdatedAt(item.updatedAt()).setSyncedAt(clock.now());
                    if (item.removed()) {
                        return record.setOp(Op.DELETE).build();
                    }
                    String email = item.email(board.column("email"));
                    if (email == null) {
                        missing.add(MissingField.EMAIL);
                    }
                    return record.setOp(Op.UPSERT).setName(item.name())
                            .setEmails(WireValues.present(email)).setPhones(WireValues.present(item.phone(
                                    board.column("phone"))))
                            .setTitle(item.text(board.column("title")))
                            .setAccountId(WireValues.first(item.linked(board.column("account"))))
                            .setOwnerId(item.person(board.column("owner"))).setCreatedAt(item.createdAt())
                            .setDealIds(List.of()).build();
                });
    }

    NormalizedBatch<Account> accounts(List<ObjectNode> items, BoardMapping board) {
        return NormalizedBatch.of(MondayEntity.ACCOUNTS.runName(), items, MondayItem::idOf, ObjectNode::toString,
                (raw, missing) -> {
                    MondayItem item = new MondayItem(raw);
                    Account.Builder record = Account.newBuilder().setTenantId(settings.tenantId())
                            .setConnectionId(settings.connectionId()).setSource(CrmSource.MONDAY)
                            .setExternalId(item.id()).setSourceUpdatedAt(item.updatedAt()).setSyncedAt(clock.now());
                    if (item.removed()) {
                        return record.setOp(Op.DELETE).build();
                    }
                    String domain = item.value(board.column("domain")).path("url").asText(null);
                    return record.setOp(Op.UPSERT).setName(item.name())
                            .setDomain(domain != null && !domain.isBlank() ? domain : item.text(board.column("domain")))
                            .setPhone(item.phone(board.column("phone")))
                            .setIndustry(item.text(board.column("industry")))
                            .setOwnerId(item.person(board.column("owner"))).setCreatedAt(item.createdAt()).build();
                });
    }

    NormalizedBatch<Lead> leads(List<ObjectNode> items, BoardMapping board) {
        return NormalizedBatch.of(MondayEntity.LEADS.runName(), items, MondayItem::idOf, ObjectNode::toString,
                (raw, missing) -> {
                    MondayItem item = new MondayItem(raw);
                    Lead.Builder record = Lead.newBuilder().setTenantId(settings.tenantId())
                            .setConnectionId(settings.connectionId()).setSource(CrmSource.MONDAY)
                            .setExternalId(item.id()).setSourceUpdatedAt(item.updatedAt()).setSyncedAt(clock.now());
                    if (item.removed()) {
                        return record.setOp(Op.DELETE).build();
                    }
                    return record.setOp(Op.UPSERT).setName(item.name())
                            .setEmail(item.email(board.column("email"))).setPhone(item.phone(board.column("phone")))
                            .setCompany(item.text(board.column("company"))).setTitle(item.text(board.column("title")))
                            .setStatusLabel(item.text(board.column("status")))
                            .setOwnerId(item.person(board.column("owner"))).setCreatedAt(item.createdAt()).build();
                });
    }

    NormalizedBatch<Product> products(List<ObjectNode> items, BoardMapping board) {
        return NormalizedBatch.of(MondayEntity.PRODUCTS.runName(), items, MondayItem::idOf, ObjectNode::toString,
                (raw, missing) -> {
                    MondayItem item = new MondayItem(raw);
                    Product.Builder record = Product.newBuilder().setTenantId(settings.tenantId())
                            .setConnectionId(settings.connectionId()).setSource(CrmSource.MONDAY)
                            .setExternalId(item.id()).setSourceUpdatedAt(item.updatedAt()).setSyncedAt(clock.now())
                            .setActive(true);
                    if (item.removed()) {
                        return record.setOp(Op.DELETE).setActive(false).build();
                    }
                    BigDecimal price = item.number(board.column("price"));
                    return record.setOp(Op.UPSERT).setName(item.name()).setSku(item.text(board.column("sku")))
                            .setDescription(item.text(board.column("description")))
                            .setUnitPrice(price == null ? null : WireValues.money(price, settings.currency(),
                                    "the product price"))
                            .setCreatedAt(item.createdAt()).build();
                });
    }

    /**
     * The account's users as owners. monday's users carry no modification time, so their version is the run's start:
     * a user is published again by every run that reads users, which is cheap (they are few).
     */
    NormalizedBatch<Owner> owners(List<ObjectNode> users) {
        return NormalizedBatch.of("owners", users, user -> user.path("id").asText(null), ObjectNode::toString,
                (user, missing) -> {
                    String id = user.path("id").asText(null);
                    if (id == null || id.isBlank()) {
                        throw new InvalidObject("the user has no id");
                    }
                    String email = user.path("email").asText(null);
                    return Owner.newBuilder().setTenantId(settings.tenantId()).setConnectionId(settings.connectionId())
                            .setSource(CrmSource.MONDAY).setExternalId(id).setOp(Op.UPSERT)
                            .setSourceUpdatedAt(clock.now()).setSyncedAt(clock.now())
                            .setName(user.path("name").asText(null)).setEmail(email)
                            .setTeam(null).setActive(user.path("enabled").asBoolean(true)).build();
                });
    }
}
