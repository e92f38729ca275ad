package dev.ledgerline.devstack.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA 2048 key pair that signs local and test bearer tokens in place of an OIDC provider; the services verify
 * with its public key ({@code QUARKUS_OIDC_PUBLIC_KEY}). A local run keeps it under {@code .devstack/keys/}.
 */
public final class SigningKeys {
    static final String PRIVATE_KEY_FILE = "private-key.pem";
    static final String PUBLIC_KEY_FILE = "public-key.pem";

    private final KeyPair keys;

    private SigningKeys(KeyPair keys) {
        this.keys = keys;
    }

    /** A new pair, kept in memory only (tests). */
    public static SigningKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new SigningKeys(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** The pair kept in {@code dir}, made there (private key readable by its owner only) on first use. */
    public static SigningKeys loadOrCreate(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBody(privateFile)));
                PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(pemBody(publicFile)));
                return new SigningKeys(new KeyPair(publicKey, privateKey));
            }
            SigningKeys created = generate();
            Files.createDirectories(dir);
            Path privateTemp = Files.createTempFile(dir, "private-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateTemp, pem("PRIVATE KEY", created.keys.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem("PUBLIC KEY", created.keys.getPublic().getEncoded()));
            Files.move(privateTemp, privateFile);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the token signing keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The token signing keys in " + dir + " are unreadable: delete them", e);
        }
    }

    /** What {@code quarkus.oidc.public-key} takes: the base64 body of the X.509 public key, no PEM lines. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    PrivateKey privateKey() {
        return keys.getPrivate();
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(Path file) throws IOException {
        String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
