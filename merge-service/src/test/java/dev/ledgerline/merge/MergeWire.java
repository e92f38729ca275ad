package dev.ledgerline.merge;

import dev.ledgerline.devstack.TopicInput;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Address;
import dev.ledgerline.wire.ConnectionSettings;
import dev.ledgerline.wire.ConnectionStatus;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.CustomerScope;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Money;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.Product;
import dev.ledgerline.wire.StageCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Input records shaped as connector-service publishes them, for the merge-service tests. */
public final class MergeWire {
    public static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private MergeWire() {
    }

    /** One record to publish: its topic, key (tenant first) and value. */
    public record Input(String topic, String key, SpecificRecord value) implements TopicInput.Record {
    }

    public static Input connection(String tenant, String connection, CrmSource source, boolean autoMerge,
            CustomerScope scope, boolean syncProducts, Instant updatedAt) {
        return new Input(Topics.CONNECTIONS, Keys.of(tenant, connection), ConnectionSettings.newBuilder()
                .setTenantId(tenant).setConnectionId(connection).setSource(source).setDisplayName(source.name())
                .setStatus(ConnectionStatus.ACTIVE).setAutoMerge(autoMerge).setCustomerScope(scope)
                .setSyncProducts(syncProducts).setSyncInvoicesSince(T0).setConnectedAt(T0).setUpdatedAt(updatedAt)
                .build());
    }

    public static Contact.Builder contact(String tenant, String connection, CrmSource source, String id) {
        return Contact.newBuilder().setTenantId(tenant).setConnectionId(connection).setSource(source)
                .setExternalId(id).setOp(Op.UPSERT).setSourceUpdatedAt(T0).setSyncedAt(T0).setCreatedAt(T0);
    }

    public static Input of(Contact contact) {
        return new Input(Topics.CONTACTS, Keys.of(contact.getTenantId(), contact.getSource().name(),
                contact.getExternalId()), contact);
    }

    public static Account.Builder account(String tenant, String connection, CrmSource source, String id) {
        return Account.newBuilder().setTenantId(tenant).setConnectionId(connection).setSource(source)
                .setExternalId(id).setOp(Op.UPSERT).setSourceUpdatedAt(T0).setSyncedAt(T0).setCreatedAt(T0);
    }

    public static Input of(Account account) {
        return new Input(Topics.ACCOUNTS, Keys.of(account.getTenantId(), account.getSource().name(),
                account.getExternalId()), account);
    }

    public static Deal.Builder deal(String tenant, String connection, CrmSource source, String id) {
        return Deal.newBuilder().setTenantId(tenant).setConnectionId(connection).setSource(source).setExternalId(id)
                .setOp(Op.UPSERT).setSourceUpdatedAt(T0).setSyncedAt(T0).setName("Deal " + id)
                .setStageCategory(StageCategory.OPEN).setAmount(money("1200.00")).setCreatedAt(T0);
    }

    public static Input of(Deal deal) {
        return new Input(Topics.DEALS, Keys.of(deal.getTenantId(), deal.getSource().name(), deal.getExternalId()),
                deal);
    }

    public static Product.Builder product(String tenant, String connection, CrmSource source, String id) {
        return Product.newBuilder().setTenantId(tenant).setConnectionId(connection).setSource(source)
                .setExternalId(id).setOp(Op.UPSERT).setSourceUpdatedAt(T0).setSyncedAt(T0).setCreatedAt(T0)
                .setUnitPrice(money("100.00"));
    }

    public static Input of(Product product) {
        return new Input(Topics.PRODUCTS, Keys.of(product.getTenantId(), product.getSource().name(),
                product.getExternalId()), product);
    }

    public static Address address(String street, String postalCode, String city, String countryCode) {
        return Address.newBuilder().setStreet(street).setPostalCode(postalCode).setCity(city)
                .setCountryCode(countryCode).build();
    }

    public static Money money(String amount) {
        return new Money(new BigDecimal(amount).setScale(4), "EUR");
    }

    public static List<String> list(String... values) {
        return List.of(values);
    }
}
