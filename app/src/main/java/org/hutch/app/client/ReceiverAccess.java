package org.hutch.app.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import okhttp3.OkHttpClient;

/**
 * What a client needs to reach a receiver behind an ingress or reverse proxy, beyond its URL: the
 * bearer token it sends with every request, and the certificates it trusts for {@code https}
 * (a PEM file, like curl's {@code --cacert}: only those are then trusted; without it, the JDK's).
 * The app sets one for the whole process from its command line ({@link #setDefault}); otherwise it
 * comes from the environment: {@code HUTCH_RECEIVER_TOKEN}, {@code HUTCH_RECEIVER_TOKEN_FILE},
 * {@code HUTCH_RECEIVER_CA}.
 */
public final class ReceiverAccess {

    public static final String TOKEN_ENV = "HUTCH_RECEIVER_TOKEN";
    public static final String TOKEN_FILE_ENV = "HUTCH_RECEIVER_TOKEN_FILE";
    public static final String CA_ENV = "HUTCH_RECEIVER_CA";

    /** Plain access: no token, the JDK's trusted certificates. */
    public static final ReceiverAccess NONE = new ReceiverAccess(null, null, null);

    private static volatile ReceiverAccess current;

    private final String token;
    private final X509TrustManager trust;
    private final SSLContext tls;

    private ReceiverAccess(String token, X509TrustManager trust, SSLContext tls) {
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.trust = trust;
        this.tls = tls;
    }

    /**
     * @param token          bearer token, or {@code null}
     * @param tokenFile      file holding the token (trailing newline ignored), or {@code null}
     * @param caCertificates PEM file of the certificates to trust for https, or {@code null} for the JDK's
     */
    public static ReceiverAccess of(String token, Path tokenFile, Path caCertificates) throws ReceiverException {
        if (token != null && tokenFile != null) {
            throw new ReceiverException("give the receiver token either directly or from a file, not both");
        }
        String t = tokenFile != null ? readToken(tokenFile) : token;
        if (caCertificates == null) {
            return new ReceiverAccess(t, null, null);
        }
        X509TrustManager tm = trustOnly(caCertificates);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
            return new ReceiverAccess(t, tm, ctx);
        } catch (GeneralSecurityException e) {
            throw new ReceiverException("cannot set up TLS with " + caCertificates + ": " + e.getMessage(), e);
        }
    }

    /** From {@code HUTCH_RECEIVER_TOKEN} or {@code HUTCH_RECEIVER_TOKEN_FILE}, and {@code HUTCH_RECEIVER_CA}. */
    static ReceiverAccess fromEnvironment(Map<String, String> env) throws ReceiverException {
        String file = env.get(TOKEN_FILE_ENV);
        String ca = env.get(CA_ENV);
        return of(file == null ? env.get(TOKEN_ENV) : null, file == null ? null : Path.of(file),
                ca == null || ca.isBlank() ? null : Path.of(ca));
    }

    /**
     * The environment's access with the command line's choices on top: a token file replaces the
     * environment's token, a certificate file its {@code HUTCH_RECEIVER_CA}.
     */
    public static ReceiverAccess fromOptions(Path tokenFile, Path caCertificates) throws ReceiverException {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (tokenFile != null) {
            env.remove(TOKEN_ENV);
            env.put(TOKEN_FILE_ENV, tokenFile.toString());
        }
        if (caCertificates != null) {
            env.put(CA_ENV, caCertificates.toString());
        }
        return fromEnvironment(env);
    }

    /** What every new client of this process uses unless given a token of its own. */
    public static void setDefault(ReceiverAccess access) {
        current = access;
    }

    static ReceiverAccess current() throws ReceiverException {
        ReceiverAccess a = current;
        if (a == null) {
            a = fromEnvironment(System.getenv());
            current = a;
        }
        return a;
    }

    String token() {
        return token;
    }

    /** A copy of this access with another token (a caller's own), keeping the TLS trust. */
    ReceiverAccess withToken(String otherToken) {
        return otherToken == null ? this : new ReceiverAccess(otherToken, trust, tls);
    }

    void configure(OkHttpClient.Builder http) {
        if (tls != null) {
            http.sslSocketFactory(tls.getSocketFactory(), trust);
        }
    }

    private static String readToken(Path file) throws ReceiverException {
        try {
            String t = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (t.isEmpty()) {
                throw new ReceiverException("the receiver token file " + file + " is empty");
            }
            return t;
        } catch (IOException e) {
            throw new ReceiverException("cannot read the receiver token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustOnly(Path pem) throws ReceiverException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new ReceiverException(pem + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (javax.net.ssl.TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new ReceiverException("no X.509 trust manager in this JDK");
        } catch (IOException e) {
            throw new ReceiverException("cannot read the certificates in " + pem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ReceiverException(pem + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }
}
