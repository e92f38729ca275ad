package dev.ledgerline.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts OAuth tokens and client secrets at rest with AES-256-GCM. Each value is bound to where it is stored
 * (e.g. "connection/{id}/refresh_token") as associated data, so a ciphertext copied into another row or column
 * does not decrypt. Layout: key version (1 byte) | 12-byte random nonce | ciphertext with 16-byte tag.
 */
@ApplicationScoped
public class SecretCipher {
    private static final byte KEY_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /** @param base64Key 32 random bytes, base64; env LEDGERLINE_SECRET_KEY (e.g. {@code openssl rand -base64 32}) */
    public SecretCipher(@ConfigProperty(name = "ledgerline.secret-key") String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ledgerline.secret-key must be base64 of " + KEY_BYTES + " random bytes");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException("ledgerline.secret-key must be base64 of " + KEY_BYTES
                    + " random bytes, got " + raw.length + " bytes");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public byte[] encrypt(String plaintext, String boundTo) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(KEY_VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(byte[] stored, String boundTo) {
        if (stored == null) {
            return null;
        }
        if (stored.length < 1 + NONCE_BYTES || stored[0] != KEY_VERSION) {
            throw new IllegalStateException("Stored secret for " + boundTo + " is not in a known format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Never include the value: only where it was stored.
            throw new IllegalStateException("Stored secret for " + boundTo + " does not decrypt with the configured key");
        }
    }
}
