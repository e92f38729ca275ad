package dev.ledgerline.devstack;

import dev.ledgerline.devstack.auth.SigningKeys;
import dev.ledgerline.devstack.auth.TokenMinter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The local run's token tool ({@code ./ledgerline token}), on the signing keys kept in {@code <data-dir>/keys/}
 * (made on first use): prints a bearer token for a tenant and role, or with {@code --public-key} the public key the
 * services verify with. Settings as in {@link Devstack#main}: {@code data-dir} ({@code .devstack}), {@code tenant}
 * ({@code demo}), {@code role} ({@code admin}: one of viewer, reviewer, admin), {@code subject}
 * ({@code <role>@<tenant>}), {@code lifetime} (ISO-8601, {@code PT12H}).
 */
public final class TokenCommand {
    static final List<String> ROLES = List.of("viewer", "reviewer", "admin");

    private TokenCommand() {
    }

    public static void main(String[] args) {
        SigningKeys keys = SigningKeys.loadOrCreate(keysDir(Path.of(Devstack.setting(args, "data-dir", ".devstack"))));
        if (List.of(args).contains("--public-key")) {
            System.out.println(keys.publicKeyBase64());
            return;
        }
        String tenant = Devstack.setting(args, "tenant", "demo");
        String role = Devstack.setting(args, "role", "admin");
        if (!ROLES.contains(role)) {
            System.err.println("Unknown role '" + role + "': one of " + ROLES);
            System.exit(2);
        }
        String subject = Devstack.setting(args, "subject", role + "@" + tenant);
        Duration lifetime = Duration.parse(Devstack.setting(args, "lifetime", TokenMinter.DEFAULT_LIFETIME.toString()));
        System.out.println(new TokenMinter(keys).issue(subject, tenant, List.of(role), lifetime));
    }

    /** Where a local run keeps its signing keys. */
    public static Path keysDir(Path dataDir) {
        return dataDir.resolve("keys");
    }
}
