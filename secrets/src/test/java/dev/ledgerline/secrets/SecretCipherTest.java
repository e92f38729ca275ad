package dev.ledgerline.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));

    private final SecretCipher cipher = new SecretCipher(KEY);

    @Test
    void aSecretDecryptsWhereItWasStoredAndIsNotInTheCiphertext() {
        byte[] sealed = cipher.encrypt("refresh-token-value", "company/t1/refresh_token");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("refresh-token-value");
        assertThat(cipher.decrypt(sealed, "company/t1/refresh_token")).isEqualTo("refresh-token-value");
        assertThat(cipher.encrypt("refresh-token-value", "company/t1/refresh_token")).isNotEqualTo(sealed);
    }

    @Test
    void aCiphertextMovedElsewhereOrReadWithAnotherKeyDoesNotDecryptAndTheErrorNamesNoValue() {
        byte[] sealed = cipher.encrypt("refresh-token-value", "company/t1/refresh_token");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "company/t2/refresh_token"))
                .hasMessageContaining("company/t2/refresh_token").hasMessageNotContaining("refresh-token-value");
        assertThatThrownBy(() -> new SecretCipher(OTHER_KEY).decrypt(sealed, "company/t1/refresh_token"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefused() {
        assertThatThrownBy(() -> new SecretCipher("not base64!")).hasMessageContaining("base64 of 32");
        assertThatThrownBy(() -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("got 16 bytes");
        assertThat(cipher.encrypt(null, "anywhere")).isNull();
        assertThat(cipher.decrypt(null, "anywhere")).isNull();
    }
}
