package dev.ledgerline.merge.customer;

import dev.ledgerline.merge.resolve.CrmRecordEntity;
import dev.ledgerline.merge.resolve.Payloads;
import dev.ledgerline.outbox.Outbox;
import dev.ledgerline.schemas.Keys;
import dev.ledgerline.schemas.Topics;
import dev.ledgerline.wire.Account;
import dev.ledgerline.wire.Address;
import dev.ledgerline.wire.Contact;
import dev.ledgerline.wire.CrmSource;
import dev.ledgerline.wire.Customer;
import dev.ledgerline.wire.CustomerKind;
import dev.ledgerline.wire.LinkDecision;
import dev.ledgerline.wire.Op;
import dev.ledgerline.wire.SourceEntityType;
import dev.ledgerline.wire.SourceLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Publishes a customer on customers.v1 through the outbox, in the caller's transaction: its current form built from
 * every source link's record (the company from its first account, the person or primary contact from its first
 * contact, every email and phone of all of them), and keeps the entity's search columns in step.
 */
@ApplicationScoped
public class CustomerPublisher {
    private final Outbox outbox;
    private final Clock clock;

    CustomerPublisher(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public void publish(CustomerEntity customer) {
        List<SourceLinkEntity> links = SourceLinkEntity.ofCustomer(customer.id);
        Map<Long, CrmRecordEntity> records = CrmRecordEntity.<CrmRecordEntity>list("id in ?1",
                links.stream().map(link -> link.crmRecordId).toList()).stream()
                .collect(Collectors.toMap(record -> record.id, Function.identity()));
        Account account = null;
        Contact primaryContact = null;
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        List<SourceLink> sourceLinks = new ArrayList<>();
        for (SourceLinkEntity link : links) {
            CrmRecordEntity record = records.get(link.crmRecordId);
            if (record.isContact()) {
                Contact contact = Payloads.contact(record.payload);
                primaryContact = primaryContact == null ? contact : primaryContact;
                contact.getEmails().forEach(email -> emails.add(email.trim().toLowerCase(Locale.ROOT)));
                phones.addAll(contact.getPhones());
            } else {
                Account linked = Payloads.account(record.payload);
                account = account == null ? linked : account;
                if (linked.getPhone() != null) {
                    phones.add(linked.getPhone());
                }
            }
            sourceLinks.add(SourceLink.newBuilder()
                    .setConnectionId(record.connectionId)
                    .setSource(CrmSource.valueOf(record.source))
                    .setEntityType(SourceEntityType.valueOf(record.entityType))
                    .setExternalId(record.externalId)
                    .setLinkedAt(link.linkedAt)
                    .setDecision(LinkDecision.valueOf(link.decision))
                    .setDecidedBy(link.decidedBy)
                    .build());
        }
        emails.remove("");
        customer.kind = account != null ? CustomerKind.COMPANY.name() : CustomerKind.PERSON.name();
        customer.displayName = displayName(account, primaryContact, customer.id);
        customer.email = emails.stream().findFirst().orElse(null);
        customer.searchText = (customer.displayName + " " + String.join(" ", emails)).toLowerCase(Locale.ROOT);
        customer.updatedAt = clock.instant();
        Address address = account != null && account.getAddress() != null ? account.getAddress()
                : primaryContact == null ? null : primaryContact.getAddress();
        outbox.append(Topics.CUSTOMERS, Keys.of(customer.tenantId, customer.id), Customer.newBuilder()
                .setTenantId(customer.tenantId)
                .setCustomerId(customer.id)
                .setOp(Op.UPSERT)
                .setKind(CustomerKind.valueOf(customer.kind))
                .setDisplayName(customer.displayName)
                .setCompanyName(account == null ? null : account.getName())
                .setFirstName(primaryContact == null ? null : primaryContact.getFirstName())
                .setLastName(primaryContact == null ? null : primaryContact.getLastName())
                .setEmail(customer.email)
                .setEmails(List.copyOf(emails))
                .setPhones(List.copyOf(phones))
                .setAddress(address)
                .setPrimaryContactId(primaryContactId(links, records))
                .setSourceLinks(sourceLinks)
                .setMergedIntoCustomerId(null)
                .setCreatedAt(customer.createdAt)
                .setUpdatedAt(customer.updatedAt)
                .build());
    }

    /** A customer merged into another: DELETE naming the survivor, then the tombstone. */
    public void publishMerged(CustomerEntity merged, String survivorId) {
        Instant now = clock.instant();
        merged.mergedIntoId = survivorId;
        merged.updatedAt = now;
        String key = Keys.of(merged.tenantId, merged.id);
        outbox.append(Topics.CUSTOMERS, key, Customer.newBuilder()
                .setTenantId(merged.tenantId)
                .setCustomerId(merged.id)
                .setOp(Op.DELETE)
                .setKind(CustomerKind.valueOf(merged.kind))
                .setDisplayName(merged.displayName)
                .setMergedIntoCustomerId(survivorId)
                .setCreatedAt(merged.createdAt)
                .setUpdatedAt(now)
                .build());
        outbox.appendTombstone(Topics.CUSTOMERS, key);
    }

    private static String primaryContactId(List<SourceLinkEntity> links, Map<Long, CrmRecordEntity> records) {
        return links.stream().map(link -> records.get(link.crmRecordId)).filter(CrmRecordEntity::isContact)
                .map(record -> record.externalId).findFirst().orElse(null);
    }

    private static String displayName(Account account, Contact contact, String fallback) {
        if (account != null && account.getName() != null && !account.getName().isBlank()) {
            return account.getName();
        }
        if (contact == null) {
            return fallback;
        }
        if (contact.getName() != null && !contact.getName().isBlank()) {
            return contact.getName();
        }
        String name = ((contact.getFirstName() == null ? "" : contact.getFirstName()) + " "
                + (contact.getLastName() == null ? "" : contact.getLastName())).trim();
        if (!name.isEmpty()) {
            return name;
        }
        return contact.getEmails().isEmpty() ? contact.getExternalId() : contact.getEmails().get(0);
    }
}
