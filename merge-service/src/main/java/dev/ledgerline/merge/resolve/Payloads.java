package dev.ledgerline.merge.resolve;

import dev.ledgerline.schemas.AvroSerde;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.Deal;
import dev.ledgerline.wire.Product;
import org.apache.avro.specific.SpecificRecord;

/** The stored CRM records (contacts, accounts, deals, products) as the Avro bytes they arrived in. */
public final class Payloads {
    private static final AvroSerde<Contact> CONTACTS = AvroSerde.of(Contact.class);
    private static final AvroSerde<Account> ACCOUNTS = AvroSerde.of(Account.class);
    private static final AvroSerde<Deal> DEALS = AvroSerde.of(Deal.class);
    private static final AvroSerde<Product> PRODUCTS = AvroSerde.of(Product.class);

    private Payloads() {
    }

    public static byte[] encode(SpecificRecord record) {
        if (record instanceof Contact contact) {
            return CONTACTS.serializer().serialize(null, contact);
        }
        if (record instanceof Account account) {
            return ACCOUNTS.serializer().serialize(null, account);
        }
        if (record instanceof Deal deal) {
            return DEALS.serializer().serialize(null, deal);
        }
        if (record instanceof Product product) {
            return PRODUCTS.serializer().serialize(null, product);
        }
        throw new IllegalArgumentException("Not a stored record: " + record.getClass().getName());
    }

    public static Contact contact(byte[] payload) {
        return CONTACTS.deserializer().deserialize(null, payload);
    }

    public static Account account(byte[] payload) {
        return ACCOUNTS.deserializer().deserialize(null, payload);
    }

    public static Deal deal(byte[] payload) {
        return DEALS.deserializer().deserialize(null, payload);
    }

    public static Product product(byte[] payload) {
        return PRODUCTS.deserializer().deserialize(null, payload);
    }
}
