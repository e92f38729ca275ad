package dev.ledgerline.ledger.report;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The gauge {@code ledgerline_ledger_trial_balance_imbalance{tenant,currency}}: debits − credits of all journal lines
 * of the tenant in the currency, 0 in a sound ledger. The database refuses an unbalanced entry at commit; the gauge
 * (alert {@code LedgerlineLedgerImbalance}) watches for what gets past that: a trigger disabled for maintenance, a
 * restore, a hand-made fix. Computed every {@code ledgerline.ledger.trial-balance-interval} by one GROUP BY over the
 * journal, never per request or scrape; every instance computes the same figures (alerts take the max).
 */
@ApplicationScoped
public class TrialBalanceMetrics {
    private static final Logger LOG = Logger.getLogger(TrialBalanceMetrics.class);
    private static final String IMBALANCE_BY_TENANT_AND_CURRENCY = """
            select e.tenant_id, e.currency, sum(case l.side when 'D' then l.amount else -l.amount end)
              from journal_line l join journal_entry e on e.id = l.entry_id and e.tenant_id = l.tenant_id
             group by e.tenant_id, e.currency""";

    private final AgroalDataSource dataSource;
    private final Duration interval;
    private final MultiGauge imbalance;
    private ScheduledExecutorService ticker;

    TrialBalanceMetrics(AgroalDataSource dataSource, MeterRegistry registry,
            @ConfigProperty(name = "ledgerline.ledger.trial-balance-interval", defaultValue = "30s") Duration interval) {
        this.dataSource = dataSource;
        this.interval = interval;
        this.imbalance = MultiGauge.builder("ledgerline.ledger.trial.balance.imbalance")
                .description("Debits minus credits of all journal lines of a tenant in a currency; 0 unless the ledger is broken")
                .register(registry);
    }

    void start(@Observes StartupEvent started) {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trial-balance-metrics");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("Trial balance check failed (the gauge keeps its last figures): %s", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Queries the journal and replaces the gauge's series: a tenant and currency no longer in the journal drops out. */
    public void refresh() throws SQLException {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(IMBALANCE_BY_TENANT_AND_CURRENCY)) {
            while (result.next()) {
                rows.add(MultiGauge.Row.of(Tags.of("tenant", result.getString(1), "currency", result.getString(2)),
                        result.getBigDecimal(3)));
            }
        }
        imbalance.register(rows, true);
    }
}
