package dev.ledgerline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void joinsPartsWithTheSeparator() {
        assertThat(Keys.of("acme", "HUBSPOT", "3301")).isEqualTo("acme|HUBSPOT|3301");
        assertThat(Keys.of("acme")).isEqualTo("acme");
    }

    @Test
    void splitsAKeyIntoItsParts() {
        assertThat(Keys.split("acme|WIN_RATE|ALL|*|P30D|2025-03-31"))
                .containsExactly("acme", "WIN_RATE", "ALL", "*", "P30D", "2025-03-31");
        assertThat(Keys.split("acme|OWNER||x")).containsExactly("acme", "OWNER", "", "x");
    }

    @Test
    void aKeyWithoutSeparatorIsTheTenantItself() {
        assertThat(Keys.tenantOf("acme")).isEqualTo("acme");
        assertThat(Keys.split("acme")).containsExactly("acme");
    }

    @Test
    void theTenantIsTheFirstPart() {
        assertThat(Keys.tenantOf(Keys.of("株式会社", "SALESFORCE", "0065e00000LmNopQRS"))).isEqualTo("株式会社");
    }

    @Test
    void escapesSeparatorsAndPercentSignsInsideParts() {
        String key = Keys.of("acme", "LEAD_SOURCE", "Web | Paid 100%");

        assertThat(key).isEqualTo("acme|LEAD_SOURCE|Web %7C Paid 100%25");
        assertThat(Keys.split(key)).containsExactly("acme", "LEAD_SOURCE", "Web | Paid 100%");
    }

    @Test
    void refusesMissingParts() {
        assertThatThrownBy(() -> Keys.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.of("acme", "HUBSPOT", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
