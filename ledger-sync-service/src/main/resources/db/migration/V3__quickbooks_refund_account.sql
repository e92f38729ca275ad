-- Refunds on invoices are pushed as RefundReceipts, paid from this account of the company (DepositToAccountRef).
-- Needed only once a refund occurs: until it is set, a refund's row waits with that reason.
alter table qbo_company add column refund_account_id varchar(32);
