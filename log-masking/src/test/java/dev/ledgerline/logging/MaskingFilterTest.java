package dev.ledgerline.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class MaskingFilterTest {
    private final MaskingFilter filter = new MaskingFilter();

    @Test
    void masksTheFormattedMessageOfAPrintfRecord() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Contact %s (%s) synced with token %s",
                ExtLogRecord.FormatStyle.PRINTF, MaskingFilterTest.class.getName());
        record.setParameters(new Object[] {"ada@acme.example", "+44 20 7946 0958", "Bearer at-CJzL9zP4xQ"});

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("Contact a***@acme.example (***958) synced with token Bearer ***");
    }

    @Test
    void aRecordWithNothingToMaskIsUntouched() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Run {0} ended", ExtLogRecord.FormatStyle.MESSAGE_FORMAT,
                MaskingFilterTest.class.getName());
        record.setParameters(new Object[] {"7"});

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getMessage()).isEqualTo("Run {0} ended");
        assertThat(record.getFormattedMessage()).isEqualTo("Run 7 ended");
    }

    @Test
    void masksTheMessagesOfTheExceptionChainKeepingItsClassesAndFrames() {
        IllegalStateException cause = new IllegalStateException("token endpoint answered {\"refresh_token\":\"rt-9d1\"}");
        RuntimeException thrown = new RuntimeException("refresh for jane@example.com failed", cause);
        thrown.addSuppressed(new IllegalArgumentException("client_secret=s3cr3t"));
        LogRecord record = new ExtLogRecord(Level.WARNING, "Refresh failed", MaskingFilterTest.class.getName());
        record.setThrown(thrown);

        filter.isLoggable(record);

        StringWriter printed = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString())
                .contains("java.lang.RuntimeException: refresh for j***@example.com failed")
                .contains("Caused by: java.lang.IllegalStateException: token endpoint answered {\"refresh_token\":\"***\"}")
                .contains("Suppressed: java.lang.IllegalArgumentException: client_secret=***")
                .contains("at dev.ledgerline.logging.MaskingFilterTest.masksTheMessagesOfTheExceptionChain")
                .doesNotContain("jane@").doesNotContain("rt-9d1").doesNotContain("s3cr3t");
    }

    @Test
    void anExceptionWithNothingToMaskIsLoggedAsItIs() {
        IllegalStateException thrown = new IllegalStateException("lease lost");
        LogRecord record = new ExtLogRecord(Level.WARNING, "Run stopped", MaskingFilterTest.class.getName());
        record.setThrown(thrown);

        filter.isLoggable(record);

        assertThat(record.getThrown()).isSameAs(thrown);
    }

    @Test
    void masksAPlainJulRecord() {
        LogRecord record = new LogRecord(Level.INFO, "user {0} logged in");
        record.setParameters(new Object[] {"bob@example.org"});

        filter.isLoggable(record);

        assertThat(record.getMessage()).isEqualTo("user b***@example.org logged in");
    }
}
