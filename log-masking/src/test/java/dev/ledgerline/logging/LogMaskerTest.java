package dev.ledgerline.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogMaskerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mail jane.doe@example.com now | mail j***@example.com now",
            "jane.doe+crm@mail.example.co.uk | j***@mail.example.co.uk",
            "<o.neil_x%y@sub-domain.example.org> | <o***@sub-domain.example.org>",
            "to: a@b.io, bob.smith@acme-corp.com. | to: a***@b.io, b***@acme-corp.com.",
            "\"email\":\"Ada.Lovelace@Acme.Example\" | \"email\":\"A***@Acme.Example\""})
    void masksEmailAddressesKeepingTheFirstLetterAndTheDomain(String text, String masked) {
        assertThat(LogMasker.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "call +49 30 1234567 today | call ***567 today",
            "+14155552671 | ***671",
            "+1 (415) 555-2671 | ***671",
            "(415) 555-2671 | ***671",
            "0151 23456789 | ***789",
            "+44 20 7946 0958 | ***958",
            "+33 1 23 45 67 89 | ***789",
            "+81-3-1234-5678 | ***678",
            "+91 98765 43210 | ***210",
            "\"phone\":\"015123456789\" | \"phone\":\"***789\"",
            "\"mobilePhone\": \"+49.151.2345.6789\" | \"mobilePhone\": \"***789\"",
            "phone=4155552671&x=1 | phone=***671&x=1"})
    void masksPhoneNumbersKeepingTheLastThreeDigits(String text, String masked) {
        assertThat(LogMasker.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "run 0b7f2c4e-1d3a-4e5f-9a8b-7c6d5e4f3a2b ended at 2024-07-03T10:00:01.120Z",
            "deal 1184077012 of portal 62515 changed at 1763800000000",
            "published 1200 of 3400 records in 2024-07-03 10:00:00",
            "amount 12500.5000 EUR, rate 1.085000, host 127.0.0.1:9092",
            "uuid 00000000-0000-0000-0000-000000000000 and version 3.34.2",
            "dev.ledgerline.connector.sync.SyncRun@5f2a3b91 took PT0.05S",
            "the signature does not match"})
    void leavesIdsTimesAmountsAndAddressesAlone(String text) {
        assertThat(LogMasker.mask(text)).isEqualTo(text);
    }

    @Test
    void masksBearerTokensJwtsAndCrmTokenShapes() {
        String jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJ0ZW5hbnQiOiJkZW1vIn0.c2lnbmF0dXJlLWJ5dGVz";
        assertThat(LogMasker.mask("Authorization: Bearer " + jwt)).doesNotContain("eyJ").doesNotContain("c2lnbmF0");
        assertThat(LogMasker.mask("header bearer at-CJzL9zP4xQ")).isEqualTo("header bearer ***");
        assertThat(LogMasker.mask("token " + jwt + " refused")).isEqualTo("token *** refused");
        assertThat(LogMasker.mask("private app pat-eu1-2b6f0c4e-7a1d-4c3b-9f0e-5d8a1b2c3d4e in use"))
                .isEqualTo("private app *** in use");
        assertThat(LogMasker.mask("session 00DDn000000Ab1C!AQ8AQH3cZ.7d2xYq9kPz_1mWv3"))
                .isEqualTo("session ***");
    }

    @Test
    void masksTheValuesOfSecretKeysInJsonFormsQueriesAndConfigDumps() {
        assertThat(LogMasker.mask("""
                {"token_type":"bearer","refresh_token":"rt-6f1c2d3e","access_token" : "at-CJzL9zP","expires_in":1800,\
                "client_secret":"7c4f\\"0a52","instance_url":"https://acme.my.salesforce.com"}"""))
                .isEqualTo("""
                        {"token_type":"bearer","refresh_token":"***","access_token" : "***","expires_in":1800,\
                        "client_secret":"***","instance_url":"https://acme.my.salesforce.com"}""");
        assertThat(LogMasker.mask("grant_type=refresh_token&refresh_token=rt-9d&client_id=app-1&client_secret=s3cr3t"))
                .isEqualTo("grant_type=refresh_token&refresh_token=***&client_id=app-1&client_secret=***");
        assertThat(LogMasker.mask("GET /oauth/callback?code=code-good&state=Zq8w-3xY_k2 200"))
                .isEqualTo("GET /oauth/callback?code=***&state=*** 200");
        assertThat(LogMasker.mask("code=code-good&grant_type=authorization_code&redirect_uri=https%3A%2F%2Fx"))
                .isEqualTo("code=***&grant_type=authorization_code&redirect_uri=https%3A%2F%2Fx");
        assertThat(LogMasker.mask("HTTP status code=400")).isEqualTo("HTTP status code=400");
        assertThat(LogMasker.mask("\tssl.key.password = hunter2\n\tsasl.mechanism = SCRAM-SHA-512"))
                .isEqualTo("\tssl.key.password = ***\n\tsasl.mechanism = SCRAM-SHA-512");
        assertThat(LogMasker.mask("sasl.jaas.config = org.apache.kafka.common.security.scram.ScramLoginModule "
                + "required username=\"connector\" password=\"pa55;word\";\n\tnext = 1"))
                .isEqualTo("sasl.jaas.config = ***\n\tnext = 1");
        assertThat(LogMasker.mask("LEDGERLINE_SECRET_KEY=zhNf0rN8L0i3r7rVg3w6mQ7v3X8m7eZ0b6Q2s0y1pJc="))
                .isEqualTo("LEDGERLINE_SECRET_KEY=***");
        assertThat(LogMasker.mask("password: 'x y z'")).isEqualTo("password: '***'");
        // Keys that merely contain the words are left alone.
        assertThat(LogMasker.mask("tokens=5 passwordless=true")).isEqualTo("tokens=5 passwordless=true");
    }

    @Test
    void masksAJsonRecordBodyWholly() {
        String body = """
                {"id":"551","properties":{"email":"grace.hopper@navy.example","phone":"+1 202-555-0143",
                "mobilephone":"2025550199","firstname":"Grace","hs_lastmodifieddate":"2024-07-03T10:00:00Z"}}""";
        String masked = LogMasker.mask(body);
        assertThat(masked).doesNotContain("grace.hopper").doesNotContain("555-0143").doesNotContain("2025550199")
                .contains("\"email\":\"g***@navy.example\"").contains("\"phone\":\"***143\"")
                .contains("\"mobilephone\":\"***199\"").contains("\"firstname\":\"Grace\"")
                .contains("2024-07-03T10:00:00Z");
    }

    @Test
    void nullAndEmptyStayAsTheyAre() {
        assertThat(LogMasker.mask(null)).isNull();
        assertThat(LogMasker.mask("")).isEmpty();
    }
}
