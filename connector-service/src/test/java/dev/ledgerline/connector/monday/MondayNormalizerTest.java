package dev.ledgerline.connector.monday;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.mapping.StageMapping;
import dev.ledgerline.connector.sync.FakeSyncClock;
import dev.ledgerline.connector.sync.MissingField;
import dev.ledgerline.connector.sync.NormalizedBatch;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Lead;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Owner;
import dev.ledgerline.wire.Product;
import dev.ledgerline.wire.StageCategory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** monday items, shaped as the API answers items_page and items(ids:), normalised through the template's mappings. */
class MondayNormalizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2024-07-04T10:00:00Z");

    private Map<String, JsonNode> boards;
    private Map<String, BoardMapping> mappings;
    private MondayNormalizer normalizer;

    @BeforeEach
    void readBoards() throws IOException {
        boards = new java.util.LinkedHashMap<>();
        read("boards.json").path("data").path("boards").forEach(board -> boards.put(board.path("id").asText(), board));
        mappings = new java.util.LinkedHashMap<>();
        boards.values().forEach(board -> TemplateBoards.recognise(board)
                .ifPresent(mapping -> mappings.put(mapping.boardId(), mapping)));
        StageMapping stages = StageMapping.derivedFrom(List.of(MondayStages.pipeline(mappings.get("1234567890"),
                boards.get("1234567890"))));
        normalizer = new MondayNormalizer(new MondayNormalizer.Settings("tenant-1", "connection-1", "USD",
                ZoneId.of("Europe/Berlin"), stages), new FakeSyncClock(NOW));
    }

    private static JsonNode read(String file) throws IOException {
        try (InputStream in = MondayNormalizerTest.class.getResourceAsStream("/monday/__files/" + file)) {
            return JSON.readTree(in);
        }
    }

    private static List<ObjectNode> items(JsonNode array) {
        List<ObjectNode> items = new ArrayList<>();
        array.forEach(item -> items.add((ObjectNode) item));
        return items;
    }

    private List<ObjectNode> otherItems(String boardId) throws IOException {
        return items(read("items-other-boards.json").path("data").path("items")).stream()
                .filter(item -> item.path("board").path("id").asText().equals(boardId)).toList();
    }

    private static <T> Map<String, T> byId(List<T> records, Function<T, String> id) {
        return records.stream().collect(Collectors.toMap(id, r -> r));
    }

    @Test
    void theTemplateBoardsAreRecognisedByNameAndColumnType() {
        assertThat(mappings.values()).extracting(BoardMapping::entity).containsExactly(MondayEntity.DEALS,
                MondayEntity.CONTACTS, MondayEntity.ACCOUNTS, MondayEntity.LEADS, MondayEntity.PRODUCTS);
        assertThat(mappings.get("1234567890").columns()).isEqualTo(Map.of("stage", "deal_stage", "amount", "deal_value",
                "expectedCloseDate", "deal_expected_close_date", "owner", "deal_owner", "contacts", "deal_contact",
                "account", "deal_account"));
        assertThat(mappings.get("1234567891").columns()).containsEntry("email", "contact_email")
                .containsEntry("account", "contact_account").containsEntry("title", "title5");
        assertThat(mappings.get("1234567893").columns()).containsEntry("status", "lead_status")
                .containsEntry("company", "lead_company");
    }

    @Test
    void statusLabelsBecomeStagesWonLostOrOpen() {
        var pipeline = MondayStages.pipeline(mappings.get("1234567890"), boards.get("1234567890"));
        StageMapping stages = StageMapping.derivedFrom(List.of(pipeline));

        assertThat(pipeline.label()).isEqualTo("Deals");
        assertThat(stages.lookup("1234567890", "1").orElseThrow().category()).isEqualTo(StageCategory.WON);
        assertThat(stages.lookup("1234567890", "3").orElseThrow().category()).isEqualTo(StageCategory.LOST);
        assertThat(stages.lookup("1234567890", "2").orElseThrow().category()).isEqualTo(StageCategory.OPEN);
        assertThat(stages.lookup("1234567890", "5").orElseThrow().stageLabel()).isEqualTo("Proposal");
    }

    @Test
    void dealsCarryStageValueOwnerAndLinksAndDeletedItemsAreDeletes() throws IOException {
        List<ObjectNode> items = new ArrayList<>(items(read("items-page-1.json").path("data").path("boards").get(0)
                .path("items_page").path("items")));
        items.addAll(items(read("next-items-page-2.json").path("data").path("next_items_page").path("items")));

        NormalizedBatch<Deal> batch = normalizer.deals(items, mappings.get("1234567890"));
        Map<String, Deal> deals = byId(batch.records(), Deal::getExternalId);

        assertThat(batch.rejections()).isEmpty();
        Deal acme = deals.get("1700000001");
        assertThat(acme.getOp()).isEqualTo(Op.UPSERT);
        assertThat(acme.getName()).isEqualTo("Acme renewal");
        assertThat(acme.getAmount()).isEqualTo(new Money(new BigDecimal("12500.5000"), "USD"));
        assertThat(acme.getPipelineId()).isEqualTo("1234567890");
        assertThat(acme.getStageId()).isEqualTo("2");
        assertThat(acme.getStageLabel()).isEqualTo("Negotiation");
        assertThat(acme.getStageCategory()).isEqualTo(StageCategory.OPEN);
        assertThat(acme.getExpectedCloseDate()).isEqualTo(LocalDate.parse("2024-08-30"));
        assertThat(acme.getClosedAt()).isNull();
        assertThat(acme.getOwnerId()).isEqualTo("51000001");
        assertThat(acme.getContactIds()).containsExactly("1600000001");
        assertThat(acme.getPrimaryContactId()).isEqualTo("1600000001");
        assertThat(acme.getAccountId()).isEqualTo("1500000001");
        assertThat(acme.getSourceUpdatedAt()).isEqualTo(Instant.parse("2024-07-01T09:30:12Z"));
        assertThat(acme.getLineItems()).isEmpty();
        assertThat(batch.missing("1700000001")).isEmpty();

        Deal globex = deals.get("1700000002");
        assertThat(globex.getStageCategory()).isEqualTo(StageCategory.WON);
        assertThat(globex.getProbability()).isEqualTo(1.0);
        assertThat(globex.getClosedAt()).isEqualTo(Instant.parse("2024-06-20T16:45:00Z"));
        assertThat(batch.missing("1700000002")).containsExactlyInAnyOrder(MissingField.CLOSE_DATE, MissingField.OWNER);

        assertThat(deals.get("1700000003").getOp()).isEqualTo(Op.DELETE);
    }

    @Test
    void anEditedStageMappingWinsOverTheLabel() throws IOException {
        StageMapping edited = StageMapping.derivedFrom(List.of(MondayStages.pipeline(mappings.get("1234567890"),
                boards.get("1234567890")))).with("1234567890", "2",
                new StageMapping.Stage("Deals", "Negotiation", StageCategory.LOST, 0.0, true));
        MondayNormalizer withEdit = new MondayNormalizer(new MondayNormalizer.Settings("tenant-1", "connection-1",
                "USD", ZoneId.of("Europe/Berlin"), edited), new FakeSyncClock(NOW));

        Deal acme = withEdit.deals(items(read("items-page-1.json").path("data").path("boards").get(0)
                .path("items_page").path("items")), mappings.get("1234567890")).records().get(0);

        assertThat(acme.getStageCategory()).isEqualTo(StageCategory.LOST);
        assertThat(acme.getClosedAt()).isEqualTo(Instant.parse("2024-08-29T22:00:00Z"));
    }

    @Test
    void anIncompleteDealIsPublishedWithWhatItLacks() {
        ObjectNode bare = JSON.createObjectNode().put("id", "1700000009").put("name", "Bare").put("state", "active")
                .put("created_at", "2024-07-01T00:00:00Z").put("updated_at", "2024-07-02T00:00:00Z");
        bare.putArray("column_values");

        NormalizedBatch<Deal> batch = normalizer.deals(List.of(bare), mappings.get("1234567890"));

        assertThat(batch.records()).singleElement().satisfies(deal -> {
            assertThat(deal.getStageCategory()).isEqualTo(StageCategory.OPEN);
            assertThat(deal.getAmount()).isNull();
        });
        assertThat(batch.missing("1700000009")).containsExactlyInAnyOrder(MissingField.STAGE, MissingField.AMOUNT,
                MissingField.CLOSE_DATE, MissingField.OWNER);
    }

    @Test
    void malformedItemsAreRejectedWithTheReason() {
        ObjectNode noUpdate = JSON.createObjectNode().put("id", "1700000010").put("name", "No time");
        ObjectNode badValue = JSON.createObjectNode().put("id", "1700000011").put("updated_at", "2024-07-02T00:00:00Z");
        badValue.putArray("column_values").addObject().put("id", "deal_stage").put("type", "status").put("text", "x")
                .put("value", "{not json");

        NormalizedBatch<Deal> batch = normalizer.deals(List.of(noUpdate, badValue), mappings.get("1234567890"));

        assertThat(batch.records()).isEmpty();
        assertThat(batch.rejections()).extracting(r -> r.externalId() + ": " + r.reason()).satisfiesExactly(
                reason -> assertThat(reason).isEqualTo("1700000010: the item has no updated_at"),
                reason -> assertThat(reason).startsWith("1700000011: column deal_stage has a value that is not JSON"));
        assertThat(batch.rejections().get(0).rawJson()).contains("\"No time\"");
    }

    @Test
    void contactsAccountsLeadsAndProducts() throws IOException {
        NormalizedBatch<Contact> contacts = normalizer.contacts(otherItems("1234567891"), mappings.get("1234567891"));
        Contact ada = contacts.records().get(0);
        assertThat(ada.getEmails()).containsExactly("ada@acme.example");
        assertThat(ada.getPhones()).containsExactly("+442079460000");
        assertThat(ada.getTitle()).isEqualTo("CTO");
        assertThat(ada.getAccountId()).isEqualTo("1500000001");
        assertThat(contacts.records().get(1).getOp()).isEqualTo(Op.DELETE);

        Account acme = normalizer.accounts(otherItems("1234567892"), mappings.get("1234567892")).records().get(0);
        assertThat(acme.getDomain()).isEqualTo("https://acme.example");
        assertThat(acme.getIndustry()).isEqualTo("Software");
        assertThat(acme.getOwnerId()).isEqualTo("51000001");

        Lead grace = normalizer.leads(otherItems("1234567893"), mappings.get("1234567893")).records().get(0);
        assertThat(grace.getEmail()).isEqualTo("grace@navy.example");
        assertThat(grace.getCompany()).isEqualTo("Navy Labs");
        assertThat(grace.getStatusLabel()).isEqualTo("Qualified");
        assertThat(grace.getOwnerId()).isNull();

        NormalizedBatch<Product> products = normalizer.products(otherItems("1234567894"), mappings.get("1234567894"));
        assertThat(products.records()).singleElement().satisfies(product -> {
            assertThat(product.getUnitPrice()).isEqualTo(new Money(new BigDecimal("99.9900"), "USD"));
            assertThat(product.getSku()).isEqualTo("SUP-1");
        });
        assertThat(products.rejections()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("column product_price is not a number: \"ninety\""));
    }

    @Test
    void ownersComeFromUsers() throws IOException {
        List<Owner> owners = normalizer.owners(items(read("users.json").path("data").path("users"))).records();

        assertThat(owners).extracting(Owner::getExternalId, Owner::getEmail, Owner::getActive).containsExactly(
                org.assertj.core.groups.Tuple.tuple("51000001", "dana@example.com", true),
                org.assertj.core.groups.Tuple.tuple("51000002", "former@example.com", false));
    }
}
