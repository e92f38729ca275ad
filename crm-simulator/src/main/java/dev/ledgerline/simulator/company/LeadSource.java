package dev.ledgerline.simulator.company;

/** Where a contact, lead or deal came from (the analytics source a CRM records). */
public enum LeadSource {
    ORGANIC_SEARCH, PAID_SEARCH, EMAIL_MARKETING, SOCIAL_MEDIA, REFERRALS, DIRECT_TRAFFIC, OFFLINE, PAID_SOCIAL
}
