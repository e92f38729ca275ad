package dev.ledgerline.merge.resolve;

import dev.ledgerline.consume.Outcome;
import dev.ledgerline.consume.RecordHandler;
import dev.ledgerline.merge.tenant.TenantLock;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.Op;
import jakarta.inject.Singleton;

/** crm.contacts.v1: a contact version stored and resolved (README "Rules"). */
@Singleton
public class ContactHandler extends RecordHandler<Contact> {
    private final Resolutions resolutions;
    private final TenantLock lock;

    ContactHandler(Resolutions resolutions, TenantLock lock) {
        super(Topics.CONTACTS, Contact.class, Contact::getTenantId);
        this.resolutions = resolutions;
        this.lock = lock;
    }

    @Override
    public Outcome handle(Contact contact) {
        lock.lock(contact.getTenantId());
        return CrmRecordStore.apply(resolutions, contact.getTenantId(), contact.getConnectionId(),
                contact.getSource().name(), CrmRecordEntity.CONTACT, contact.getExternalId(), contact.getAccountId(),
                contact.getSourceUpdatedAt(), contact.getOp() == Op.DELETE, contact);
    }
}
