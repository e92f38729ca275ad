-- Tax codes of a company's lines: taxable lines carry tax_code_id, untaxed ones exempt_tax_code_id (null: the US
-- codes TAX and NON); txn_tax_code_id, when set, is the invoice's TxnTaxDetail.TxnTaxCodeRef (a US sales tax rate).
alter table qbo_company add column tax_code_id varchar(32);
alter table qbo_company add column exempt_tax_code_id varchar(32);
alter table qbo_company add column txn_tax_code_id varchar(32);
