package dev.ledgerline.kpi.owners;

import dev.ledgerline.wire.Owner;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The latest known state of one sales rep ({@code crm.owners.v1}), as kept in the owner store and shown next
 * to the OWNER dimension, whose values are the reps' external ids ({@code Deal.ownerId}, {@code Lead.ownerId}).
 *
 * @param id the rep's external id in the CRM (the OWNER dimension value)
 * @param source the CRM it comes from (HUBSPOT, SALESFORCE, MONDAY)
 * @param name the display name: the CRM's full name, else first and last name, else null
 * @param active false when the user is deactivated or archived in the CRM but still owns records
 * @param sourceUpdatedAt orders the versions of one owner: an older version than the stored one is ignored
 */
public record OwnerInfo(
        String id,
        String source,
        String name,
        String email,
        String team,
        boolean active,
        long sourceUpdatedAt) {

    public OwnerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
    }

    /** The state of an UPSERT record; a DELETE is handled by the caller (the owner is removed). */
    public static OwnerInfo of(Owner owner) {
        return new OwnerInfo(owner.getExternalId(), owner.getSource().name(), displayName(owner),
                blankToNull(owner.getEmail()), blankToNull(owner.getTeam()), owner.getActive(),
                owner.getSourceUpdatedAt().toEpochMilli());
    }

    private static String displayName(Owner owner) {
        var full = blankToNull(owner.getName());
        if (full != null) {
            return full;
        }
        var joined = Stream.of(owner.getFirstName(), owner.getLastName())
                .map(OwnerInfo::blankToNull)
                .filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
        return joined.isEmpty() ? null : joined;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
