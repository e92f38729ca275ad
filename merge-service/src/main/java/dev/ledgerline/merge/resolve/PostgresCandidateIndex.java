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
    /** The last part of put's and remove's statement: value counts up or down, parameters field, term, delta arrays. */
    private static final String COUNT_TERMS = """
            insert into identity_term (tenant_id, kind, field, term, records)
            select ?, ?, field, term, records from unnest(?::varchar[], ?::varchar[], ?::bigint[]) as t (field, term, records)
            on conflict (tenant_id, kind, field, term) do update set records = identity_term.records + excluded.records""";

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

    /**
     * One statement: the size of each key's block, and the records of the blocks within {@code maxPerKey} (their
     * record refs collected first, then the records read by primary key — a semi-join would let the planner walk
     * every record of the tenant and probe the blocks for each). Rows with a block key are the skipped keys.
     */
    @Override
    public CandidateLookup candidates(String tenantId, IdentityKind kind, Collection<String> keys, int maxPerKey) {
        if (keys.isEmpty()) {
            return new CandidateLookup(List.of(), Map.of());
        }
        Map<String, Long> skipped = new LinkedHashMap<>();
        List<IndexedIdentity> candidates = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        with sizes as (
                            select block_key, count(*) as records from identity_block
                             where tenant_id = ? and kind = ? and block_key = any(?) group by block_key)
                        select null, null, block_key, records from sizes where records > ?
                        union all
                        (select customer_id, identity::text, null, null from identity_record
                          where tenant_id = ? and kind = ? and record_ref = any(array(
                                select distinct record_ref from identity_block
                                 where tenant_id = ? and kind = ? and block_key = any(array(
                                       select block_key from sizes where records <= ?))))
                          order by record_ref)""")) {
            int i = 0;
            statement.setString(++i, tenantId);
            statement.setString(++i, kind.name());
            statement.setArray(++i, connection.createArrayOf("varchar", keys.toArray()));
            statement.setLong(++i, maxPerKey);
            statement.setString(++i, tenantId);
            statement.setString(++i, kind.name());
            statement.setString(++i, tenantId);
            statement.setString(++i, kind.name());
            statement.setLong(++i, maxPerKey);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(3) != null) {
                        skipped.put(rows.getString(3), rows.getLong(4));
                    } else {
                        candidates.add(new IndexedIdentity(rows.getString(1),
                                JSON.readValue(rows.getString(2), NormalizedIdentity.class)));
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the candidates of tenant " + tenantId, e);
        }
        return new CandidateLookup(candidates, skipped);
    }

    /** Counts read once per value and resolution (a resolution scores many candidates on the same values). */
    @Override
    public TermFrequencies termFrequencies(String tenantId, IdentityKind kind) {
        return cachedCounts(tenantId, kind, new HashMap<>());
    }

    /**
     * The counts of the record's own values, read in one statement before scoring: an EXACT level agrees on one of
     * them. A value asked for beyond these (a swapped name, compared under the other field) is read when asked.
     */
    @Override
    public TermFrequencies termFrequencies(String tenantId, NormalizedIdentity identity) {
        Map<String, Long> counts = new HashMap<>();
        List<String> fields = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        termDeltas(identity, 1).keySet().forEach(term -> {
            fields.add(term.field().name());
            terms.add(term.term());
            counts.put(term.field().name() + "|" + term.term(), 0L);
        });
        if (!fields.isEmpty()) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement("""
                            select field, term, records from identity_term
                             where tenant_id = ? and kind = ? and (field, term) in (
                                   select * from unnest(?::varchar[], ?::varchar[]))""")) {
                statement.setString(1, tenantId);
                statement.setString(2, identity.kind().name());
                statement.setArray(3, connection.createArrayOf("varchar", fields.toArray()));
                statement.setArray(4, connection.createArrayOf("varchar", terms.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1) + "|" + rows.getString(2), Math.max(rows.getLong(3), 0));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read term counts of tenant " + tenantId, e);
            }
        }
        return cachedCounts(tenantId, identity.kind(), counts);
    }

    private TermFrequencies cachedCounts(String tenantId, IdentityKind kind, Map<String, Long> counts) {
        return new TermFrequencies() {
            @Override
            public long records(MatchField field) {
                return count(field, ANY_VALUE);
            }

            @Override
            public long count(MatchField field, String value) {
                return counts.computeIfAbsent(field.name() + "|" + value, k -> termCount(tenantId, kind, field, value));
            }
        };
    }

    /** One statement: the record, its blocking keys and its value counts (after the previous version is removed). */
    @Override
    public void put(String tenantId, IndexedIdentity record) {
        remove(tenantId, record.ref());
        NormalizedIdentity identity = record.identity();
        Map<Term, Long> terms = termDeltas(identity, 1);
        update("""
                with indexed as (
                    insert into identity_record (tenant_id, kind, record_ref, customer_id, identity)
                    values (?, ?, ?, ?, ?::jsonb)),
                blocks as (
                    insert into identity_block (tenant_id, kind, block_key, record_ref)
                    select ?, ?, block_key, ? from unnest(?::varchar[]) as keys (block_key))
                """ + COUNT_TERMS, tenantId, identity.kind().name(), ref(record.ref()), record.customerId(), json(identity),
                tenantId, identity.kind().name(), ref(record.ref()), BlockingKeys.of(identity).toArray(String[]::new),
                tenantId, identity.kind().name(), fields(terms), terms(terms), deltas(terms));
    }

    /** Two statements: the record's row (returning what it was), then its blocking keys and value counts. */
    @Override
    public void remove(String tenantId, RecordRef ref) {
        List<IndexedIdentity> previous = query("""
                delete from identity_record where tenant_id = ? and kind = ? and record_ref = ?
                returning customer_id, identity""", tenantId, ref.kind().name(), ref(ref));
        if (previous.isEmpty()) {
            return;
        }
        NormalizedIdentity identity = previous.get(0).identity();
        Map<Term, Long> terms = termDeltas(identity, -1);
        update("""
                with blocks as (
                    delete from identity_block where tenant_id = ? and kind = ? and record_ref = ? and block_key = any(?))
                """ + COUNT_TERMS, tenantId, ref.kind().name(), ref(ref), BlockingKeys.of(identity).toArray(String[]::new),
                tenantId, identity.kind().name(), fields(terms), terms(terms), deltas(terms));
    }

    /** Moves every indexed record of one customer to another (a merge of two customers). */
    public void reassign(String tenantId, String fromCustomerId, String toCustomerId) {
        update("update identity_record set customer_id = ? where tenant_id = ? and customer_id = ?",
                toCustomerId, tenantId, fromCustomerId);
    }

    private static String[] fields(Map<Term, Long> terms) {
        return terms.keySet().stream().map(term -> term.field().name()).toArray(String[]::new);
    }

    private static String[] terms(Map<Term, Long> terms) {
        return terms.keySet().stream().map(Term::term).toArray(String[]::new);
    }

    private static Long[] deltas(Map<Term, Long> terms) {
        return terms.values().toArray(Long[]::new);
    }

    /** Per field the record has, its values and the count of records with the field at all ({@link #ANY_VALUE}). */
    private static Map<Term, Long> termDeltas(NormalizedIdentity identity, long delta) {
        Map<Term, Long> deltas = new LinkedHashMap<>();
        for (Map.Entry<MatchField, Set<String>> entry : TermValues.of(identity).entrySet()) {
            deltas.put(new Term(entry.getKey(), ANY_VALUE), delta);
            entry.getValue().forEach(value -> deltas.put(new Term(entry.getKey(), value), delta));
        }
        return deltas;
    }

    private record Term(MatchField field, String term) {
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
            } else if (parameters[i] instanceof Long[] array) {
                statement.setArray(i + 1, connection.createArrayOf("bigint", array));
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
