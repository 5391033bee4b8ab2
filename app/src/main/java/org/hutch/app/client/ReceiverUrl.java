package org.hutch.app.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Checks a receiver URL as the user typed it, before it is used or remembered. */
public final class ReceiverUrl {
    private ReceiverUrl() {
    }

    /** Why {@code url} is no receiver URL (http:// or https:// and a host), or empty when it is one. */
    public static Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("no receiver URL given (expected http://host:port)");
        }
        try {
            URI u = new URI(url.trim());
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.of("receiver URL '" + url + "' must start with http:// or https://, for example http://host:5000");
            }
            if (u.getHost() == null || u.getHost().isBlank()) {
                return Optional.of("receiver URL '" + url + "' names no host, for example http://host:5000");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("receiver URL '" + url + "' is not a URL: " + e.getReason());
        }
    }
}
