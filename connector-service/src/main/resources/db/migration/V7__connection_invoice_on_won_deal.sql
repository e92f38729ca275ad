-- ConnectionSettings v2: the ledger invoices a deal when it reaches WON (for CRMs where invoices are not kept).
-- Off for every existing connection, as it is by default for new ones.
alter table crm_connection add column invoice_on_won_deal boolean not null default false;
