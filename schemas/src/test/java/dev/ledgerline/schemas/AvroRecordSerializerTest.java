package dev.ledgerline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.Deal;
import org.junit.jupiter.api.Test;

class AvroRecordSerializerTest {

    @Test
    void encodesEachRecordWithItsOwnSchema() {
        var serializer = new AvroRecordSerializer();
        Deal deal = WireSamples.deal(2);
        Contact contact = WireSamples.contact();

        assertThat(AvroSerde.of(Deal.class).deserializer().deserialize(Topics.DEALS,
                serializer.serialize(Topics.DEALS, deal))).isEqualTo(deal);
        assertThat(AvroSerde.of(Contact.class).deserializer().deserialize(Topics.CONTACTS,
                serializer.serialize(Topics.CONTACTS, contact))).isEqualTo(contact);
        assertThat(serializer.serialize(Topics.DEALS, null)).isNull();
    }
}
