package dev.ledgerline.merge.resolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.merge.identity.BlockingKeys;
import dev.ledgerline.merge.identity.CandidateIndex;
import dev.ledgerline.merge.identity.CandidateLookup;
import dev.ledgerline.merge.identity.IdentityKind;
import dev.ledgerline.merge.identity.IndexedIdentity;
import dev.ledgerline.merge.identity.MatchField;
import dev.ledgerline.merge.identity.NormalizedIdentity;
import dev.ledgerline.merge.identity.RecordRef;
import dev.ledgerline.merge.identity.TermFrequencies;
import dev.ledgerline.merge.identity.TermValues;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The identity engine's {@link CandidateIndex} in PostgreSQL: {@code identity_record} (the normalised record and its
 * customer), {@code identity_block} (one row per blocking key, read by primary-key prefix) and {@code identity_term}
 * (value counts for the term-frequency adjustment). It runs on the caller's JTA transaction (the datasource hands
 * the transaction's connection), so the index changes commit with the link they describe.
 */
@ApplicationScoped
public class PostgresCandidateIndex implements CandidateIndex {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** The term under which identity_term counts the records that have a field at all. */
    private static final String ANY_VALUE = "";

    private final DataSource dataSource;

    PostgresCandidateIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String ref(RecordRef ref) {
        return ref.connectionId() + "|" + ref.source() + "|" + ref.externalId();
    }

    @Override
    public Optional<IndexedIdentity> find(String tenantId, RecordRef ref) {
        List<IndexedIdentity> found = query("""
                select customer_id, identity from identity_record where tenant_id = ? and kind = ? and record_ref = ?""",
                tenantId, ref.kind().name(), ref(ref));
        return found.stream().findFirst();
    }

    @Override
    public CandidateLookup candidates(String tenantId, IdentityKind kind, Collection<String> keys, int maxPerKey) {
        if (keys.isEmpty()) {
            return new CandidateLookup(List.of(), Map.of());
        }
        String[] keyArray = keys.toArray(String[]::new);
        Map<String, Long> skipped = new LinkedHashMap<>();
        List<String> expanded = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement sizes = connection.prepareStatement("""
                        select block_key, count(*) from identity_block
                         where tenant_id = ? and kind = ? and block_key = any(?) group by block_key""")) {
            sizes.setString(1, tenantId);
            sizes.setString(2, kind.name());
            sizes.setArray(3, connection.createArrayOf("varchar", keyArray));
            try (ResultSet rows = sizes.executeQuery()) {
                while (rows.next()) {
                    long size = rows.getLong(2);
                    if (size > maxPerKey) {
                        skipped.put(rows.getString(1), size);
                    } else {
                        expanded.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the blocking keys of tenant " + tenantId, e);
        }
        if (expanded.isEmpty()) {
            return new CandidateLookup(List.of(), skipped);
        }
        List<IndexedIdentity> candidates = query("""
                select r.customer_id, r.identity from identity_record r
                 where r.tenant_id = ? and r.kind = ? and r.record_ref in (
                       select b.record_ref from identity_block b
                        where b.tenant_id = ? and b.kind = ? and b.block_key = any(?))
                 order by r.record_ref""", tenantId, kind.name(), tenantId, kind.name(), expanded.toArray(String[]::new));
        return new CandidateLookup(candidates, skipped);
    }

    /** Counts read once per value and resolution (a resolution scores many candidates on the same values). */
    @Override
    public TermFrequencies termFrequencies(String tenantId, IdentityKind kind) {
        Map<String, Long> cache = new HashMap<>();
        return new TermFrequencies() {
            @Override
            public long records(MatchField field) {
                return count(field, ANY_VALUE);
            }

            @Override
            public long count(MatchField field, String value) {
                return cache.computeIfAbsent(field.name() + "|" + value, k -> termCount(tenantId, kind, field, value));
            }
        };
    }

    @Override
    public void put(String tenantId, IndexedIdentity record) {
        remove(tenantId, record.ref());
        NormalizedIdentity identity = record.identity();
        String kind = identity.kind().name();
        String ref = ref(record.ref());
        update("insert into identity_record (tenant_id, kind, record_ref, customer_id, identity) values (?, ?, ?, ?, ?::jsonb)",
                tenantId, kind, ref, record.customerId(), json(identity));
        for (String key : BlockingKeys.of(identity)) {
            update("insert into identity_block (tenant_id, kind, block_key, record_ref) values (?, ?, ?, ?)",
                    tenantId, kind, key, ref);
        }
        countTerms(tenantId, identity, 1);
    }

    @Override
    public void remove(String tenantId, RecordRef ref) {
        Optional<IndexedIdentity> previous = find(tenantId, ref);
        if (previous.isEmpty()) {
            return;
        }
        update("delete from identity_record where tenant_id = ? and kind = ? and record_ref = ?", tenantId,
                ref.kind().name(), ref(ref));
        for (String key : BlockingKeys.of(previous.get().identity())) {
            update("delete from identity_block where tenant_id = ? and kind = ? and block_key = ? and record_ref = ?",
                    tenantId, ref.kind().name(), key, ref(ref));
        }
        countTerms(tenantId, previous.get().identity(), -1);
    }

    /** Moves every indexed record of one customer to another (a merge of two customers). */
    public void reassign(String tenantId, String fromCustomerId, String toCustomerId) {
        update("update identity_record set customer_id = ? where tenant_id = ? and customer_id = ?",
                toCustomerId, tenantId, fromCustomerId);
    }

    private void countTerms(String tenantId, NormalizedIdentity identity, long delta) {
        for (Map.Entry<MatchField, Set<String>> entry : TermValues.of(identity).entrySet()) {
            addCount(tenantId, identity.kind(), entry.getKey(), ANY_VALUE, delta);
            for (String value : entry.getValue()) {
                addCount(tenantId, identity.kind(), entry.getKey(), value, delta);
            }
        }
    }

    private void addCount(String tenantId, IdentityKind kind, MatchField field, String term, long delta) {
        update("""
                insert into identity_term (tenant_id, kind, field, term, records) values (?, ?, ?, ?, ?)
                on conflict (tenant_id, kind, field, term) do update set records = identity_term.records + excluded.records""",
                tenantId, kind.name(), field.name(), term, delta);
    }

    private long termCount(String tenantId, IdentityKind kind, MatchField field, String term) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select records from identity_term where tenant_id = ? and kind = ? and field = ? and term = ?")) {
            statement.setString(1, tenantId);
            statement.setString(2, kind.name());
            statement.setString(3, field.name());
            statement.setString(4, term);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Math.max(rows.getLong(1), 0) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read term counts of tenant " + tenantId, e);
        }
    }

    private List<IndexedIdentity> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<IndexedIdentity> found = new ArrayList<>();
            while (rows.next()) {
                found.add(new IndexedIdentity(rows.getString(1), JSON.readValue(rows.getString(2), NormalizedIdentity.class)));
            }
            return found;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the candidate index", e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update the candidate index", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof String[] array) {
                statement.setArray(i + 1, connection.createArrayOf("varchar", array));
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
        return statement;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
