package dev.ledgerline.devstack.simulation;

import java.util.List;

/**
 * What the generator needs to make up people and companies of one country: names in order of frequency (the first
 * are drawn most often), syllables for the long tail of rare family names, places, phone numbering, legal forms.
 *
 * @param areaCodes   dialled after the country code; {@code trunkPrefix} precedes them in national format
 * @param cities      "postal code|city|area code index" entries
 * @param legalForms  company legal forms as written in the country, most frequent first
 */
record Country(
        String countryCode,
        String countryName,
        String phoneCountryCode,
        String trunkPrefix,
        List<String> areaCodes,
        int subscriberDigits,
        List<String> firstNames,
        List<String> lastNames,
        List<String> rareNameStarts,
        List<String> rareNameEnds,
        List<String> cities,
        List<String> streets,
        String streetNumberPattern,
        List<String> legalForms,
        String topLevelDomain) {
}
