package dev.ledgerline.connector.monday;

/**
 * Every GraphQL document the connector sends to monday.com's {@code POST /v2}, in one place so that fakes of the API
 * (tests, the CRM simulator) can follow them. Each is sent with {@code variables}; item ids and board ids are
 * {@code ID}s (strings on the wire).
 */
public final class MondayQueries {

    private MondayQueries() {
    }

    /** The fields of an item every read asks for; {@code column_values.value} is a JSON string (or null). */
    static final String ITEM_FIELDS = "id name state created_at updated_at creator_id group { id title }"
            + " column_values { id type text value }";

    /** The account's users (owners). Variables: {@code page} (1-based), {@code limit}. */
    public static final String USERS = "query Users($page: Int!, $limit: Int!) {"
            + " users(page: $page, limit: $limit, kind: all) { id name email enabled is_guest title } }";

    /**
     * The boards the user can map, with their columns (type and {@code settings_str}: a status column's labels).
     * Variables: {@code page}, {@code limit}.
     */
    public static final String BOARDS = "query Boards($page: Int!, $limit: Int!) {"
            + " boards(page: $page, limit: $limit, state: active) { id name"
            + " columns { id title type settings_str } } }";

    /** The columns of mapped boards. Variables: {@code boardIds}. */
    public static final String BOARD_COLUMNS = "query BoardColumns($boardIds: [ID!]) {"
            + " boards(ids: $boardIds) { id name columns { id title type settings_str } } }";

    /**
     * The first page of a board's items, archived and deleted ones too ({@code state: all}) so that removals arrive.
     * Variables: {@code boardId}, {@code limit}.
     */
    public static final String ITEMS_PAGE = "query ItemsPage($boardId: ID!, $limit: Int!) {"
            + " complexity { before after reset_in_x_seconds }"
            + " boards(ids: [$boardId]) { items_page(limit: $limit, query_params: { state: all })"
            + " { cursor items { " + ITEM_FIELDS + " } } } }";

    /** The page after {@code cursor} (valid 60 minutes). Variables: {@code cursor}, {@code limit}. */
    public static final String NEXT_ITEMS_PAGE = "query NextItemsPage($cursor: String!, $limit: Int!) {"
            + " complexity { before after reset_in_x_seconds }"
            + " next_items_page(limit: $limit, cursor: $cursor) { cursor items { " + ITEM_FIELDS + " } } }";

    /**
     * A board's activity since {@code from} (ISO instant), newest first, page by page; each log's {@code data} is a
     * JSON string naming the item ({@code pulse_id}). Variables: {@code boardId}, {@code from}, {@code page},
     * {@code limit}.
     */
    public static final String ACTIVITY_LOGS = "query ActivityLogs($boardId: ID!, $from: ISO8601DateTime!,"
            + " $page: Int!, $limit: Int!) {"
            + " boards(ids: [$boardId]) { activity_logs(from: $from, page: $page, limit: $limit)"
            + " { id event entity data created_at } } }";

    /** Items by id, whatever their state. Variables: {@code ids}, {@code limit}. */
    public static final String ITEMS_BY_ID = "query ItemsById($ids: [ID!], $limit: Int!) {"
            + " complexity { before after reset_in_x_seconds }"
            + " items(ids: $ids, limit: $limit, exclude_nonactive: false) { " + ITEM_FIELDS + " board { id } } }";
}
