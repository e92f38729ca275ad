package dev.ledgerline.logging;

/**
 * A logged exception with its messages masked: it prints as the original (class name, masked message, the same
 * stack trace, masked causes and suppressed exceptions), so that a log shows where it came from but not the token
 * or address an exception message quoted.
 */
final class MaskedThrowable extends RuntimeException {
    private static final int MAX_DEPTH = 32;

    private final String originalClass;

    private MaskedThrowable(Throwable original, String maskedMessage, Throwable maskedCause) {
        super(maskedMessage, maskedCause, true, true);
        this.originalClass = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /** The throwable itself when none of its messages needs masking, else a masked copy of the whole chain. */
    static Throwable of(Throwable thrown) {
        return needsMasking(thrown, 0) ? copy(thrown, 0) : thrown;
    }

    private static boolean needsMasking(Throwable thrown, int depth) {
        if (thrown == null || depth > MAX_DEPTH) {
            return false;
        }
        String message = thrown.getMessage();
        if (message != null && !message.equals(LogMasker.mask(message))) {
            return true;
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (needsMasking(suppressed, depth + 1)) {
                return true;
            }
        }
        return thrown.getCause() != thrown && needsMasking(thrown.getCause(), depth + 1);
    }

    private static Throwable copy(Throwable thrown, int depth) {
        if (thrown == null) {
            return null;
        }
        Throwable cause = thrown.getCause() == thrown || depth >= MAX_DEPTH ? null : copy(thrown.getCause(), depth + 1);
        MaskedThrowable masked = new MaskedThrowable(thrown, LogMasker.mask(thrown.getMessage()), cause);
        for (Throwable suppressed : thrown.getSuppressed()) {
            masked.addSuppressed(copy(suppressed, depth + 1));
        }
        return masked;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }
}
