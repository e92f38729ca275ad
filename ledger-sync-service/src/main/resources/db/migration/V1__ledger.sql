-- The ledger of ledger-sync-service. Amounts are numeric(19,4) like the wire's Money, posted rounded to the
-- currency's minor unit. Invariants that finance relies on are constraints here, not only code:
--   * every journal entry balances to the cent (deferred constraint trigger on journal lines and entries);
--   * journal amounts are positive with a debit or credit side; an entry has one currency (on the entry only);
--   * the receivable, customer credit and money received of every invoice, and the money of every payment posted on
--     its own (sales receipt, unapplied payment), equal what its journal lines say (deferred constraint triggers);
--   * documents, journal entries and journal lines are never changed or deleted: a correction is a new document;
--   * natural keys are unique, so a redelivered or replayed record cannot post twice.

-- Tenants (tenants.v1): posting dates are calendar days in the tenant's time zone.
create table tenant (
    tenant_id     varchar(64)  primary key,
    home_currency varchar(3)   not null,
    time_zone     varchar(64)  not null,
    updated_at    timestamptz  not null
);

-- CRM connections (crm.connections.v1): the invoice cut-off and whether won deals are invoiced.
create table ledger_connection (
    tenant_id           varchar(64)  not null,
    connection_id       varchar(100) not null,
    source              varchar(16)  not null,
    sync_invoices_since timestamptz  not null,
    invoice_on_won_deal boolean      not null,
    updated_at          timestamptz  not null,
    primary key (tenant_id, connection_id)
);

-- Chart of accounts of a tenant, created with its first posting (codes in the README).
create table account (
    tenant_id varchar(64)  not null,
    code      varchar(8)   not null,
    account   varchar(32)  not null,
    name      varchar(100) not null,
    type      varchar(16)  not null check (type in ('ASSET', 'LIABILITY', 'INCOME', 'CONTRA_INCOME')),
    primary key (tenant_id, code),
    unique (tenant_id, account)
);

-- Customers of the ledger: from customers.v1, or created by a posting when no customer matched.
create table ledger_customer (
    id             uuid         primary key,
    tenant_id      varchar(64)  not null,
    customer_id    varchar(100),
    display_name   varchar(300) not null,
    email          varchar(320),
    origin         varchar(16)  not null check (origin in ('CUSTOMERS', 'INVOICE', 'PAYMENT', 'WON_DEAL')),
    merged_into_id uuid         references ledger_customer (id) deferrable initially deferred,
    source_updated_at timestamptz,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    unique (tenant_id, customer_id)
);

-- Normalised emails (trimmed, lower case) by which postings find a customer.
create table customer_email (
    tenant_id varchar(64)  not null,
    email     varchar(320) not null,
    customer  uuid         not null references ledger_customer (id) deferrable initially deferred,
    primary key (tenant_id, email)
);

-- CRM contacts and accounts merged into a customer (customers.v1 source links).
create table customer_source_link (
    tenant_id     varchar(64)  not null,
    connection_id varchar(100) not null,
    source        varchar(16)  not null,
    entity_type   varchar(16)  not null,
    external_id   varchar(100) not null,
    customer      uuid         not null references ledger_customer (id) deferrable initially deferred,
    primary key (tenant_id, connection_id, source, entity_type, external_id)
);

-- The product and service list (catalog.items.v1); unit cost feeds profitability.
create table ledger_item (
    tenant_id      varchar(64)   not null,
    item_id        varchar(100)  not null,
    name           varchar(300)  not null,
    sku            varchar(100),
    unit_price     numeric(19, 4),
    price_currency varchar(3),
    unit_cost      numeric(19, 4),
    cost_currency  varchar(3),
    active         boolean       not null,
    updated_at     timestamptz   not null,
    primary key (tenant_id, item_id)
);

-- CRM products an item was built from: how an invoice line's product finds its item.
create table item_source_link (
    tenant_id     varchar(64)  not null,
    connection_id varchar(100) not null,
    source        varchar(16)  not null,
    external_id   varchar(100) not null,
    item_id       varchar(100) not null,
    primary key (tenant_id, connection_id, source, external_id),
    foreign key (tenant_id, item_id) references ledger_item (tenant_id, item_id) deferrable initially deferred
);

-- The latest accepted version of every CRM invoice (or won deal) and what became of it. Kept even when it is not
-- posted, so that a later connection record or cut-off change can post it, and payments know where they stand.
create table source_invoice (
    tenant_id         varchar(64)  not null,
    connection_id     varchar(100) not null,
    source            varchar(16)  not null,
    origin            varchar(16)  not null check (origin in ('CRM_INVOICE', 'WON_DEAL')),
    external_id       varchar(100) not null,
    source_updated_at timestamptz  not null,
    state             varchar(24)  not null
        check (state in ('WAITING_FOR_CONNECTION', 'NOT_SENT', 'BEFORE_CUTOFF', 'POSTED', 'CLOSED_UNPOSTED')),
    snapshot          jsonb        not null,
    ledger_invoice_id uuid,
    updated_at        timestamptz  not null,
    primary key (tenant_id, connection_id, source, origin, external_id)
);

-- Invoices in the ledger, with what has been posted for them so far.
create table ledger_invoice (
    id                  uuid           primary key,
    tenant_id           varchar(64)    not null,
    connection_id       varchar(100)   not null,
    source              varchar(16)    not null,
    origin              varchar(16)    not null check (origin in ('CRM_INVOICE', 'WON_DEAL')),
    external_id         varchar(100)   not null,
    number              varchar(100),
    customer            uuid           not null references ledger_customer (id) deferrable initially deferred,
    deal_id             varchar(100),
    currency            varchar(3)     not null,
    issue_date          date           not null,
    due_date            date,
    total               numeric(19, 4) not null check (total >= 0),
    discount_total      numeric(19, 4) not null,
    tax_total           numeric(19, 4) not null,
    revenue             numeric(19, 4) not null,
    crm_amount_paid     numeric(19, 4) not null check (crm_amount_paid >= 0),
    received            numeric(19, 4) not null check (received >= 0),
    amount_applied      numeric(19, 4) not null check (amount_applied >= 0),
    credit              numeric(19, 4) not null check (credit >= 0),
    voided              boolean        not null,
    open_balance        numeric(19, 4) generated always as (case when voided then 0 else total - amount_applied end) stored,
    revision            integer        not null check (revision >= 1),
    invoice_document_id uuid           not null,
    last_document_id    uuid           not null,
    source_updated_at   timestamptz    not null,
    created_at          timestamptz    not null,
    updated_at          timestamptz    not null,
    unique (tenant_id, connection_id, source, origin, external_id),
    check (total = revenue - discount_total + tax_total),
    check (received = amount_applied + credit),
    check ((voided and amount_applied = 0) or (not voided and amount_applied <= total)),
    check (not voided or credit = received)
);
create index ledger_invoice_tenant on ledger_invoice (tenant_id, issue_date);
create index ledger_invoice_customer on ledger_invoice (customer);

-- The current lines of a ledger invoice (an adjustment replaces them; the documents keep every version).
create table ledger_invoice_line (
    invoice_id      uuid           not null references ledger_invoice (id) deferrable initially deferred,
    line_no         integer        not null,
    product_id      varchar(100),
    item_id         varchar(100),
    description     varchar(500)   not null,
    sku             varchar(100),
    quantity        numeric(19, 4) not null,
    unit_price      numeric(19, 4) not null,
    discount_amount numeric(19, 4) not null,
    tax_amount      numeric(19, 4) not null,
    amount          numeric(19, 4) not null,
    primary key (invoice_id, line_no)
);

-- CRM payments and where their money went.
create table payment (
    id                  uuid           primary key,
    tenant_id           varchar(64)    not null,
    connection_id       varchar(100)   not null,
    source              varchar(16)    not null,
    external_id         varchar(100)   not null,
    invoice_origin      varchar(16)    check (invoice_origin in ('CRM_INVOICE', 'WON_DEAL')),
    invoice_external_id varchar(100),
    deal_id             varchar(100),
    contact_id          varchar(100),
    payer_name          varchar(300),
    payer_email         varchar(320),
    customer            uuid           references ledger_customer (id) deferrable initially deferred,
    currency            varchar(3),
    amount              numeric(19, 4) not null check (amount >= 0),
    method              varchar(100),
    kind                varchar(16),
    reference           varchar(200),
    paid_at             timestamptz,
    role                varchar(16)    not null
        check (role in ('RECEIPT', 'INVOICE', 'UNAPPLIED', 'WAITING', 'EXCLUDED', 'REJECTED', 'DELETED')),
    role_reason         varchar(500),
    ledger_invoice_id   uuid           references ledger_invoice (id) deferrable initially deferred,
    posted              numeric(19, 4) not null check (posted >= 0),
    revision            integer        not null check (revision >= 0),
    own_document_id     uuid,
    last_document_id    uuid,
    source_updated_at   timestamptz    not null,
    updated_at          timestamptz    not null,
    unique (tenant_id, connection_id, source, external_id)
);
create index payment_waiting on payment (tenant_id, connection_id, source, invoice_origin, invoice_external_id);
create index payment_invoice on payment (ledger_invoice_id);

-- Posted documents: invoice, sales receipt, payment, void, adjustment. Each has one journal entry.
create table ledger_document (
    id                  uuid           primary key,
    tenant_id           varchar(64)    not null,
    seq                 bigserial      unique,
    kind                varchar(16)    not null
        check (kind in ('INVOICE', 'SALES_RECEIPT', 'PAYMENT', 'VOID', 'ADJUSTMENT')),
    ledger_invoice_id   uuid           references ledger_invoice (id) deferrable initially deferred,
    payment_id          uuid           references payment (id) deferrable initially deferred,
    revision            integer        not null check (revision >= 1),
    number              varchar(200),
    document_date       date           not null,
    due_date            date,
    customer            uuid           references ledger_customer (id) deferrable initially deferred,
    connection_id       varchar(100),
    source              varchar(16),
    source_external_id  varchar(100),
    deal_id             varchar(100),
    related_document_id uuid           references ledger_document (id) deferrable initially deferred,
    currency            varchar(3)     not null,
    total               numeric(19, 4) not null,
    posted_at           timestamptz    not null,
    -- Every document belongs to exactly one subject: an invoice, or a payment posted on its own.
    check ((ledger_invoice_id is null) <> (payment_id is null)),
    unique (ledger_invoice_id, revision),
    unique (payment_id, revision)
);
create index ledger_document_tenant on ledger_document (tenant_id, seq);
-- The subjects' foreign keys are declared after ledger_document exists. Every foreign key is checked at commit,
-- so that the rows of one posting may be written in any order.
alter table ledger_invoice add foreign key (invoice_document_id) references ledger_document (id) deferrable initially deferred;
alter table ledger_invoice add foreign key (last_document_id) references ledger_document (id) deferrable initially deferred;
alter table payment add foreign key (own_document_id) references ledger_document (id) deferrable initially deferred;
alter table payment add foreign key (last_document_id) references ledger_document (id) deferrable initially deferred;

create table document_line (
    document_id     uuid           not null references ledger_document (id) deferrable initially deferred,
    line_no         integer        not null,
    item_id         varchar(100),
    description     varchar(500)   not null,
    quantity        numeric(19, 4) not null,
    unit_price      numeric(19, 4) not null,
    discount_amount numeric(19, 4),
    tax_amount      numeric(19, 4),
    amount          numeric(19, 4) not null,
    primary key (document_id, line_no)
);

create table journal_entry (
    id          uuid        primary key,
    tenant_id   varchar(64) not null,
    document_id uuid        not null unique references ledger_document (id) deferrable initially deferred,
    entry_date  date        not null,
    currency    varchar(3)  not null,
    customer    uuid        references ledger_customer (id) deferrable initially deferred,
    posted_at   timestamptz not null,
    unique (id, tenant_id)
);
create index journal_entry_tenant on journal_entry (tenant_id, entry_date);

create table journal_line (
    entry_id     uuid           not null,
    line_no      integer        not null,
    tenant_id    varchar(64)    not null,
    account_code varchar(8)     not null,
    side         varchar(1)     not null check (side in ('D', 'C')),
    amount       numeric(19, 4) not null check (amount > 0),
    memo         varchar(200),
    primary key (entry_id, line_no),
    foreign key (entry_id, tenant_id) references journal_entry (id, tenant_id) deferrable initially deferred,
    foreign key (tenant_id, account_code) references account (tenant_id, code) deferrable initially deferred
);

-- One row per input record processed (its content hash), written in the record's transaction.
create table processed_event (
    event_id     varchar(64)  primary key,
    topic        varchar(100) not null,
    partition_no integer      not null,
    record_offset bigint      not null,
    outcome      varchar(32)  not null,
    processed_at timestamptz  not null
);

-- An entry balances: debits equal credits to the cent, and it has lines on both sides.
create function check_entry_balances(entry uuid) returns void language plpgsql as $$
declare
    debits  numeric;
    credits numeric;
begin
    if not exists (select 1 from journal_entry where id = entry) then
        return;
    end if;
    select coalesce(sum(amount) filter (where side = 'D'), 0), coalesce(sum(amount) filter (where side = 'C'), 0)
      into debits, credits from journal_line where entry_id = entry;
    if debits <> credits or debits = 0 then
        raise exception 'journal entry % does not balance: debits %, credits %', entry, debits, credits
            using errcode = '23514';
    end if;
end $$;

create function journal_line_balanced() returns trigger language plpgsql as $$
begin
    perform check_entry_balances(case when tg_op = 'DELETE' then old.entry_id else new.entry_id end);
    return null;
end $$;

create function journal_entry_balanced() returns trigger language plpgsql as $$
begin
    perform check_entry_balances(new.id);
    return null;
end $$;

create constraint trigger journal_line_balanced after insert or update or delete on journal_line
    deferrable initially deferred for each row execute function journal_line_balanced();
create constraint trigger journal_entry_balanced after insert on journal_entry
    deferrable initially deferred for each row execute function journal_entry_balanced();

-- The journal is append-only.
create function refuse_ledger_change() returns trigger language plpgsql as $$
begin
    raise exception '% rows are never changed or deleted; post a correcting document', tg_table_name
        using errcode = '23514';
end $$;
create trigger ledger_document_append_only before update or delete on ledger_document
    for each row execute function refuse_ledger_change();
create trigger document_line_append_only before update or delete on document_line
    for each row execute function refuse_ledger_change();
create trigger journal_entry_append_only before update or delete on journal_entry
    for each row execute function refuse_ledger_change();
create trigger journal_line_append_only before update or delete on journal_line
    for each row execute function refuse_ledger_change();

-- Signed balances (debit positive) of Accounts Receivable (1100), Customer Credit (2200) and Undeposited Funds (1200)
-- over the journal lines of one subject's documents: an invoice's, or those of a payment posted on its own.
create function subject_balances(invoice uuid, paid uuid, out receivable numeric, out credit numeric, out funds numeric)
    language plpgsql stable as $$
begin
    if invoice is not null then
        select coalesce(sum(case l.side when 'D' then l.amount else -l.amount end) filter (where l.account_code = '1100'), 0),
               coalesce(sum(case l.side when 'D' then l.amount else -l.amount end) filter (where l.account_code = '2200'), 0),
               coalesce(sum(case l.side when 'D' then l.amount else -l.amount end) filter (where l.account_code = '1200'), 0)
          into receivable, credit, funds
          from ledger_document d join journal_entry e on e.document_id = d.id join journal_line l on l.entry_id = e.id
         where d.ledger_invoice_id = invoice;
    else
        select coalesce(sum(case l.side when 'D' then l.amount else -l.amount end) filter (where l.account_code = '1100'), 0),
               coalesce(sum(case l.side when 'D' then l.amount else -l.amount end) filter (where l.account_code = '2200'), 0),
               coalesce(sum(case l.side when 'D' then l.amount else -l.amount end) filter (where l.account_code = '1200'), 0)
          into receivable, credit, funds
          from ledger_document d join journal_entry e on e.document_id = d.id join journal_line l on l.entry_id = e.id
         where d.payment_id = paid;
    end if;
end $$;

-- An invoice's open balance is its receivable in the journal; its credit and money received are too. Checked at
-- commit against the row as it is then (a deferred trigger's NEW is the row as of the change that queued it).
create function ledger_invoice_matches_journal() returns trigger language plpgsql as $$
declare
    invoice  ledger_invoice;
    balances record;
begin
    select * into invoice from ledger_invoice where id = new.id;
    select * into balances from subject_balances(invoice.id, null);
    if balances.receivable <> invoice.open_balance or -balances.credit <> invoice.credit
            or balances.funds <> invoice.received then
        raise exception 'invoice % disagrees with its journal: open balance % vs receivable %, credit % vs %, received % vs %',
            invoice.id, invoice.open_balance, balances.receivable, invoice.credit, -balances.credit, invoice.received,
            balances.funds using errcode = '23514';
    end if;
    return null;
end $$;
create constraint trigger ledger_invoice_matches_journal after insert or update on ledger_invoice
    deferrable initially deferred for each row execute function ledger_invoice_matches_journal();

-- A payment posted on its own (sales receipt, unapplied payment) has exactly its posted money in the journal; one
-- applied to an invoice has none there (its money is in the invoice's documents).
create function payment_matches_journal() returns trigger language plpgsql as $$
declare
    posted numeric;
    role   varchar;
    funds  numeric;
begin
    select p.posted, p.role into posted, role from payment p where p.id = new.id;
    select b.funds into funds from subject_balances(null, new.id) b;
    if funds <> posted then
        raise exception 'payment % disagrees with its journal: posted % vs undeposited funds %', new.id, posted, funds
            using errcode = '23514';
    end if;
    if posted <> 0 and role not in ('RECEIPT', 'UNAPPLIED') then
        raise exception 'payment % posted % on its own but is a % payment', new.id, posted, role using errcode = '23514';
    end if;
    return null;
end $$;
create constraint trigger payment_matches_journal after insert or update on payment
    deferrable initially deferred for each row execute function payment_matches_journal();
