package dev.ledgerline.connector.sync;

/** What a CRM makes of a failed read (see {@link CrmSession#classify}). */
public record FailureVerdict(Kind kind, String reason) {

    public enum Kind {
        /** The run fails with the failure's message. */
        FAIL,
        /** The entity is reported SKIPPED with the reason; the run goes on. */
        SKIP_ENTITY,
        /** The CRM refused the credentials for good: the connection needs consent again. */
        REAUTHORIZE
    }

    public static FailureVerdict fail() {
        return new FailureVerdict(Kind.FAIL, null);
    }

    public static FailureVerdict skip(String reason) {
        return new FailureVerdict(Kind.SKIP_ENTITY, reason);
    }

    public static FailureVerdict reauthorize(String reason) {
        return new FailureVerdict(Kind.REAUTHORIZE, reason);
    }
}
