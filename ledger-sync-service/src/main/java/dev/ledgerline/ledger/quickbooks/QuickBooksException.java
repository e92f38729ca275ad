package dev.ledgerline.ledger.quickbooks;

import java.time.Duration;

/** Why a request to QuickBooks did not succeed; {@link #retryable()} says whether a later attempt may. */
public abstract class QuickBooksException extends RuntimeException {
    QuickBooksException(String message) {
        super(message);
    }

    public abstract boolean retryable();

    /** A Fault body (or a bare HTTP error): Intuit's error code, message and detail. */
    public static final class Fault extends QuickBooksException {
        /** Stale Object Error: the SyncToken sent is not the object's current one. */
        public static final String STALE_OBJECT = "5010";

        private final int status;
        private final String code;
        private final String type;
        private final Duration retryAfter;

        public Fault(int status, String type, String code, String message, String detail, Duration retryAfter) {
            super("HTTP " + status + (type == null ? "" : " " + type) + (code == null ? "" : " code " + code)
                    + (message == null ? "" : ": " + message) + (detail == null || detail.equals(message) ? "" : " — " + detail));
            this.status = status;
            this.code = code;
            this.type = type;
            this.retryAfter = retryAfter;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public String type() {
            return type;
        }

        /** Retry-After of a 429, null otherwise. */
        public Duration retryAfter() {
            return retryAfter;
        }

        public boolean staleObject() {
            return STALE_OBJECT.equals(code);
        }

        public boolean throttled() {
            return status == 429;
        }

        public boolean unauthorized() {
            return status == 401;
        }

        /** Throttling and server faults pass; a validation or business fault stays until the data changes. */
        @Override
        public boolean retryable() {
            return status == 429 || status >= 500 || staleObject();
        }
    }

    /** No answer: connection refused or reset, timeout. */
    public static final class Unreachable extends QuickBooksException {
        public Unreachable(String message) {
            super(message);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The token endpoint did not give a new access token. */
    public static final class TokenRefreshFailed extends QuickBooksException {
        public TokenRefreshFailed(String message) {
            super("token refresh failed: " + message);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The tenant has no QuickBooks company (removed while rows were queued). */
    public static final class NotConfigured extends QuickBooksException {
        public NotConfigured(String tenantId) {
            super("tenant " + tenantId + " has no QuickBooks company");
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** A customer or item the document needs could not be pushed. */
    public static final class DependencyFailed extends QuickBooksException {
        private final boolean retryable;

        public DependencyFailed(String what, QuickBooksException cause) {
            super(what + ": " + cause.getMessage());
            this.retryable = cause.retryable();
        }

        @Override
        public boolean retryable() {
            return retryable;
        }
    }
}
