package dev.ledgerline.connector.monday;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.connector.connection.ConnectionEntity;
import dev.ledgerline.connector.connection.Crm;
import dev.ledgerline.connector.mapping.DealPipeline;
import dev.ledgerline.connector.mapping.MappingStore;
import dev.ledgerline.connector.oauth.OAuthTokenClient;
import dev.ledgerline.connector.oauth.StoredAccessTokens;
import dev.ledgerline.secrets.SecretCipher;
import dev.ledgerline.connector.sync.ApiCallCounters;
import dev.ledgerline.connector.sync.CrmEntity;
import dev.ledgerline.connector.sync.CrmSession;
import dev.ledgerline.connector.sync.CrmSync;
import dev.ledgerline.connector.sync.EntityStream;
import dev.ledgerline.connector.sync.FailureVerdict;
import dev.ledgerline.connector.sync.NormalizedBatch;
import dev.ledgerline.connector.sync.Pages;
import dev.ledgerline.connector.sync.RetryPolicy;
import dev.ledgerline.connector.sync.StreamPage;
import dev.ledgerline.connector.sync.SyncClock;
import dev.ledgerline.connector.sync.SyncCursor;
import dev.ledgerline.connector.sync.SyncRun;
import dev.ledgerline.connector.tenant.TenantSettingsEntity;
import dev.ledgerline.schemas.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * monday.com's part of a run: users (owners), then every mapped board as an entity of its own ({@code deals:<board
 * id>} …), its stage column's labels as the board's pipeline in the stage mapping.
 * <ul>
 *   <li>first or FULL: {@code items_page} and {@code next_items_page} with {@code state: all}; items come unordered,
 *   so the board's position (the time the read started) is stored once the whole board is published.</li>
 *   <li>incremental: the board's {@code activity_logs} since its position (less {@code lookback}), the changed item
 *   ids re-fetched with {@code items(ids:)}; archived and deleted items, and items monday no longer returns, are
 *   DELETE records.</li>
 * </ul>
 */
@ApplicationScoped
public class MondaySync implements CrmSync {
    static final String OWNERS = "owners";
    /** How long the users read by a run stand for the account's owners. */
    static final Duration OWNERS_REREAD = Duration.ofDays(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Boards per page of the boards listing. */
    private static final int BOARDS_PER_PAGE = 100;

    private final SecretCipher cipher;
    private final OAuthTokenClient tokenClient;
    private final String apiVersion;
    private final Duration lookback;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    MondaySync(SecretCipher cipher, OAuthTokenClient tokenClient,
            @ConfigProperty(name = "ledgerline.monday.api-version", defaultValue = "2025-04") String apiVersion,
            @ConfigProperty(name = "ledgerline.monday.lookback", defaultValue = "2m") Duration lookback) {
        this.cipher = cipher;
        this.tokenClient = tokenClient;
        this.apiVersion = apiVersion;
        this.lookback = lookback;
    }

    @Override
    public Crm crm() {
        return Crm.MONDAY;
    }

    @Override
    public CrmSession open(SyncRun run) {
        ConnectionEntity connection = run.connection();
        return new Session(run, new MondayClient(URI.create(connection.apiBaseUrl), apiVersion,
                new StoredAccessTokens(connection, cipher, tokenClient), http, RetryPolicy.defaults(), SyncClock.SYSTEM));
    }

    final class Session implements CrmSession {
        private final SyncRun run;
        private final MondayClient client;
        private List<BoardMapping> boards = List.of();
        private MondayNormalizer normalizer;

        Session(SyncRun run, MondayClient client) {
            this.run = run;
            this.client = client;
        }

        @Override
        public ApiCallCounters counters() {
            return client.counters();
        }

        @Override
        public void prepare() {
            ConnectionEntity connection = run.connection();
            boards = BoardMappingStore.boards(connection.id, this::recogniseTemplateBoards);
            List<DealPipeline> pipelines = new ArrayList<>();
            List<String> dealBoards = boards.stream().filter(board -> board.entity() == MondayEntity.DEALS)
                    .map(BoardMapping::boardId).toList();
            if (!dealBoards.isEmpty()) {
                Map<String, JsonNode> columns = new HashMap<>();
                client.boardColumns(dealBoards).forEach(board -> columns.put(board.path("id").asText(), board));
                boards.stream().filter(board -> board.entity() == MondayEntity.DEALS && columns.containsKey(board.boardId()))
                        .forEach(board -> pipelines.add(MondayStages.pipeline(board, columns.get(board.boardId()))));
            }
            TenantSettingsEntity tenant = run.tenantSettings();
            normalizer = new MondayNormalizer(new MondayNormalizer.Settings(connection.tenantId,
                    connection.id.toString(), tenant.homeCurrency, ZoneId.of(tenant.timeZone),
                    MappingStore.stageMapping(connection.id, pipelines)), SyncClock.SYSTEM);
        }

        private List<BoardMapping> recogniseTemplateBoards() {
            List<BoardMapping> recognised = new ArrayList<>();
            for (int page = 1; ; page++) {
                ObjectNode variables = JSON.createObjectNode().put("page", page).put("limit", BOARDS_PER_PAGE);
                JsonNode read = client.execute("Boards", MondayQueries.BOARDS, variables).path("boards");
                read.forEach(board -> TemplateBoards.recognise(board).ifPresent(recognised::add));
                if (read.size() < BOARDS_PER_PAGE) {
                    return recognised;
                }
            }
        }

        @Override
        public List<CrmEntity> entities() {
            List<CrmEntity> entities = new ArrayList<>();
            // monday users carry no modification time: they are read again in full, at most once a day.
            entities.add(CrmEntity.of(OWNERS, Topics.OWNERS, EntityStream.of(OWNERS, from -> {
                Instant readAt = SyncClock.SYSTEM.now();
                if (from.isPresent() && from.get().modifiedAt().plus(OWNERS_REREAD).isAfter(readAt)) {
                    return List.<StreamPage>of().iterator();
                }
                return List.of(StreamPage.unordered(normalizer.owners(client.users()), new SyncCursor(readAt, "")))
                        .iterator();
            })));
            for (BoardMapping board : boards) {
                if (board.entity() == MondayEntity.PRODUCTS && !run.connection().syncProducts) {
                    continue;
                }
                entities.add(board(board));
            }
            return entities;
        }

        private CrmEntity board(BoardMapping board) {
            BiFunction<List<ObjectNode>, BoardMapping, NormalizedBatch<? extends SpecificRecord>> normalize =
                    switch (board.entity()) {
                        case DEALS -> normalizer::deals;
                        case CONTACTS -> normalizer::contacts;
                        case ACCOUNTS -> normalizer::accounts;
                        case LEADS -> normalizer::leads;
                        case PRODUCTS -> normalizer::products;
                    };
            String topic = switch (board.entity()) {
                case DEALS -> Topics.DEALS;
                case CONTACTS -> Topics.CONTACTS;
                case ACCOUNTS -> Topics.ACCOUNTS;
                case LEADS -> Topics.LEADS;
                case PRODUCTS -> Topics.PRODUCTS;
            };
            String name = board.entity().runName() + ":" + board.boardId();
            EntityStream stream = EntityStream.of(name, from -> {
                SyncCursor readStart = new SyncCursor(SyncClock.SYSTEM.now(), "");
                if (from.isEmpty()) {
                    return Pages.map(client.boardItems(board.boardId()),
                            items -> StreamPage.unordered(normalize.apply(items, board), readStart));
                }
                List<List<ObjectNode>> changed = changedItems(board.boardId(), from.get().modifiedAt().minus(lookback));
                Iterator<List<ObjectNode>> pages = changed.iterator();
                return Pages.map(pages, items -> StreamPage.unordered(normalize.apply(items, board), readStart));
            });
            return CrmEntity.of(name, topic, stream);
        }

        /**
         * The items the board's activity logs name since {@code since}, read again by id in pages of
         * {@link MondayClient#IDS_PER_CALL}; an item monday no longer returns becomes a deleted item as of its log.
         */
        private List<List<ObjectNode>> changedItems(String boardId, Instant since) {
            Map<String, Instant> lastLogged = new LinkedHashMap<>();
            for (ObjectNode log : client.activityLogs(boardId, since)) {
                String itemId = pulseId(log);
                if (itemId != null) {
                    lastLogged.merge(itemId, logTime(log), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            List<String> ids = new ArrayList<>(lastLogged.keySet());
            List<List<ObjectNode>> pages = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += MondayClient.IDS_PER_CALL) {
                List<String> chunk = ids.subList(from, Math.min(from + MondayClient.IDS_PER_CALL, ids.size()));
                List<ObjectNode> items = new ArrayList<>();
                Set<String> returned = new LinkedHashSet<>();
                for (ObjectNode item : client.itemsById(chunk)) {
                    String itemBoard = item.path("board").path("id").asText(boardId);
                    if (itemBoard.equals(boardId)) {
                        items.add(item);
                        returned.add(item.path("id").asText());
                    }
                }
                for (String id : chunk) {
                    if (!returned.contains(id)) {
                        items.add(JSON.createObjectNode().put("id", id).put("state", "deleted")
                                .put("updated_at", lastLogged.get(id).toString()));
                    }
                }
                pages.add(items);
            }
            return pages;
        }

        @Override
        public FailureVerdict classify(RuntimeException failure, String entity) {
            if (failure instanceof MondayException e && entity != null && e.handling() == MondayError.Handling.SKIP) {
                return FailureVerdict.skip("monday.com does not let the connected user read " + entity + ": "
                        + e.getMessage());
            }
            return FailureVerdict.fail();
        }
    }

    /** The item an activity log names ({@code data.pulse_id}), null for a log about no item. */
    static String pulseId(ObjectNode log) {
        try {
            JsonNode data = JSON.readTree(log.path("data").asText("{}"));
            JsonNode id = data.path("pulse_id");
            return id.isMissingNode() || id.isNull() ? null : id.asText();
        } catch (JsonProcessingException unreadable) {
            return null;
        }
    }

    /** A log's {@code created_at}: 17 digits, Unix time in units of 100 nanoseconds. */
    static Instant logTime(ObjectNode log) {
        String created = log.path("created_at").asText("");
        if (!created.matches("\\d{1,19}")) {
            return Instant.EPOCH;
        }
        long ticks = Long.parseLong(created);
        return Instant.ofEpochSecond(ticks / 10_000_000L, (ticks % 10_000_000L) * 100);
    }
}
