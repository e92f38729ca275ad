package dev.ledgerline.ledger.quickbooks;

import dev.ledgerline.ledger.rest.Page;
import dev.ledgerline.ledger.rest.QueryParams;
import dev.ledgerline.rest.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** A tenant's QuickBooks company (configured over REST, secrets encrypted), its rows and the retry action. */
@ApplicationScoped
public class QuickBooksService {
    static final int DEFAULT_MINOR_VERSION = 75;

    private final CompanySecrets secrets;
    private final QuickBooksTokens tokens;
    private final Clock clock;

    QuickBooksService(CompanySecrets secrets, QuickBooksTokens tokens, Clock clock) {
        this.secrets = secrets;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Transactional
    public QuickBooksDtos.Company configure(String tenantId, QuickBooksDtos.CompanySettings settings) {
        QuickBooksCompanyEntity company = QuickBooksCompanyEntity.findById(tenantId);
        Instant now = clock.instant();
        boolean created = company == null;
        if (created) {
            if (settings.clientSecret() == null) {
                throw ProblemException.badField("clientSecret", "is required to connect a company");
            }
            company = new QuickBooksCompanyEntity();
            company.tenantId = tenantId;
            company.createdAt = now;
        }
        boolean newCredentials = settings.refreshToken() != null || settings.clientSecret() != null
                || (settings.realmId() != null && !settings.realmId().equals(company.realmId))
                || !settings.tokenUrl().equals(company.tokenUrl)
                || !settings.clientId().equals(company.clientId);
        if (settings.realmId() != null) {
            company.realmId = settings.realmId();
        }
        company.authorizeUrl = settings.authorizeUrl();
        company.redirectUri = settings.redirectUri();
        company.apiBaseUrl = settings.apiBaseUrl();
        company.tokenUrl = settings.tokenUrl();
        company.clientId = settings.clientId();
        if (settings.clientSecret() != null) {
            company.clientSecret = secrets.seal(company, "client_secret", settings.clientSecret());
        }
        if (settings.refreshToken() != null) {
            company.refreshToken = secrets.seal(company, "refresh_token", settings.refreshToken());
        }
        if (newCredentials) {
            company.accessToken = null;
            company.accessTokenExpiresAt = null;
        }
        company.minorVersion = settings.minorVersion() == null ? DEFAULT_MINOR_VERSION : settings.minorVersion();
        company.incomeAccountId = settings.incomeAccountId();
        company.refundAccountId = settings.refundAccountId();
        company.taxCodeId = settings.taxCodeId();
        company.exemptTaxCodeId = settings.exemptTaxCodeId();
        company.txnTaxCodeId = settings.txnTaxCodeId();
        company.enabled = settings.enabled() == null || settings.enabled();
        company.updatedAt = now;
        if (created) {
            company.persist();
        }
        if (newCredentials) {
            tokens.forget(tenantId);
        }
        return view(company);
    }

    @Transactional
    public QuickBooksDtos.Company company(String tenantId) {
        return view(required(tenantId));
    }

    @Transactional
    public Page<QuickBooksDtos.SyncRow> rows(String tenantId, SyncState state, SyncEntity entity,
            QueryParams.Paging paging) {
        required(tenantId);
        StringBuilder query = new StringBuilder("tenantId = :tenant");
        Parameters parameters = Parameters.with("tenant", tenantId);
        if (state != null) {
            query.append(" and state = :state");
            parameters.and("state", state);
        }
        if (entity != null) {
            query.append(" and entity = :entity");
            parameters.and("entity", entity);
        }
        var rows = QuickBooksSyncEntity.<QuickBooksSyncEntity>find(query.toString(),
                Sort.descending("updatedAt").and("id"), parameters);
        return new Page<>(rows.page(paging.page(), paging.size()).list().stream().map(QuickBooksDtos.SyncRow::of).toList(),
                paging.page(), paging.size(), rows.count());
    }

    /** Pushes a FAILED (or waiting PENDING) row again at once, with its attempts counted afresh. */
    @Transactional
    public QuickBooksDtos.SyncRow retry(String tenantId, UUID rowId) {
        QuickBooksSyncEntity row = QuickBooksSyncEntity.findById(rowId);
        if (row == null || !row.tenantId.equals(tenantId)) {
            throw ProblemException.notFound("QuickBooks sync row " + rowId + " of tenant " + tenantId);
        }
        if (row.state == SyncState.SYNCED) {
            throw ProblemException.conflict("row " + rowId + " is SYNCED (QuickBooks " + row.qboType + " " + row.qboId
                    + "); there is nothing to retry");
        }
        row.state = SyncState.PENDING;
        row.attempts = 0;
        row.nextAttemptAt = clock.instant();
        row.updatedAt = clock.instant();
        return QuickBooksDtos.SyncRow.of(row);
    }

    private static QuickBooksCompanyEntity required(String tenantId) {
        QuickBooksCompanyEntity company = QuickBooksCompanyEntity.findById(tenantId);
        if (company == null) {
            throw ProblemException.notFound("QuickBooks company of tenant " + tenantId);
        }
        return company;
    }

    static QuickBooksDtos.Company view(QuickBooksCompanyEntity company) {
        Map<SyncState, Long> counts = new EnumMap<>(SyncState.class);
        for (SyncState state : SyncState.values()) {
            counts.put(state, QuickBooksSyncEntity.count("tenantId = ?1 and state = ?2", company.tenantId, state));
        }
        return new QuickBooksDtos.Company(company.tenantId, company.realmId != null && company.refreshToken != null,
                company.realmId, company.apiBaseUrl, company.tokenUrl, company.authorizeUrl, company.redirectUri,
                company.clientId, company.minorVersion, company.incomeAccountId, company.refundAccountId, company.taxCodeId, company.exemptTaxCodeId,
                company.txnTaxCodeId, company.enabled, counts, company.updatedAt);
    }
}
