package org.hutch.receiver.http;

import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The token check of every mutating endpoint (the receiver's and the azint pipeline's): without a configured
 * token it lets everything through; with one, a request needs {@code Authorization: Bearer <token>} (the scheme
 * name case-insensitive, RFC 9110 11.1) or gets 401 with a JSON error saying what it may not do.
 */
public final class BearerGuard {
    private final byte[] token;

    /** @param token the token, or null when none is configured */
    public BearerGuard(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code h}, behind the check; {@code refused} ends the 401 message ("... needs a bearer token to ..."). */
    public Handler guard(String who, String refused, Handler h) {
        return ctx -> {
            if (token != null) {
                String auth = ctx.header("Authorization");
                byte[] given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? auth.substring(7).trim().getBytes(StandardCharsets.UTF_8) : null;
                if (given == null || !MessageDigest.isEqual(given, token)) {
                    ctx.header("WWW-Authenticate", "Bearer");
                    ctx.status(401).json(Map.of("error",
                            "this " + who + " needs 'Authorization: Bearer <token>' to " + refused));
                    return;
                }
            }
            h.handle(ctx);
        };
    }
}
