package dev.ledgerline.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Masks every log record a handler writes ({@link LogMasker}): the formatted message and the messages of the
 * exception chain. Structural, not per call site: a service installs it on its handlers by configuration,
 * {@code quarkus.log.console.filter=ledgerline-masking} (and the same for a file or socket handler it enables).
 * It never drops a record.
 */
@LoggingFilter(name = MaskingFilter.NAME)
public final class MaskingFilter implements Filter {
    public static final String NAME = "ledgerline-masking";

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = formatted(record);
        String masked = LogMasker.mask(message);
        if (masked != null && !masked.equals(message)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(masked);
            }
            record.setParameters(null);
        }
        if (record.getThrown() != null) {
            record.setThrown(MaskedThrowable.of(record.getThrown()));
        }
        return true;
    }

    private static String formatted(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return record.getParameters() == null ? record.getMessage() : new SimpleFormatter().formatMessage(record);
    }
}
