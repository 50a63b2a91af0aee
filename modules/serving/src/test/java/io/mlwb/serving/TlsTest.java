package io.mlwb.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and mutual TLS from PEM files, with certificates made by the JDK's keytool in the test: a client that trusts
 * the server gets answers over HTTPS; with {@code --client-ca}, only a client presenting a certificate of that CA
 * does; bad PEM files are clear errors.
 */
class TlsTest {
    private static final String PASS = "changeit";

    @TempDir
    static Path dir;
    static TinyModel model;

    @BeforeAll
    static void setUp() throws Exception {
        model = TinyModel.train(dir.resolve("project"));
        keypair("server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost");
        keypair("client", "CN=scoring-client", null);
        keypair("stranger", "CN=stranger", null);
        for (String name : List.of("server", "client")) {
            KeyStore ks = load(name);
            pem(dir.resolve(name + "-cert.pem"), "CERTIFICATE", ks.getCertificate(name).getEncoded());
            pem(dir.resolve(name + "-key.pem"), "PRIVATE KEY", ks.getKey(name, PASS.toCharArray()).getEncoded());
        }
    }

    private static void keypair(String alias, String dname, String ext) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "RSA", "-keysize", "2048", "-dname", dname, "-validity", "2", "-keystore",
                dir.resolve(alias + ".p12").toString(), "-storetype", "PKCS12", "-storepass", PASS));
        if (ext != null) {
            cmd.addAll(List.of("-ext", ext));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    private static KeyStore load(String alias) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(alias + ".p12"))) {
            ks.load(in, PASS.toCharArray());
        }
        return ks;
    }

    private static void pem(Path file, String type, byte[] der) throws IOException {
        Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n");
    }

    private static HttpClient client(String keyAlias) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", load("server").getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (keyAlias != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyAlias), PASS.toCharArray());
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> post(HttpClient c, InferenceServer s) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create(s.url() + "/invocations")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [{\"tenure\": 3, \"plan\": \"pro\", "
                        + "\"calls\": 2, \"member\": true}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttpsFromPemFiles() throws Exception {
        ServerConfig c = ServerConfig.builder("churn", 1).port(0)
                .tls(dir.resolve("server-cert.pem"), dir.resolve("server-key.pem"), null).build();
        try (InferenceServer s = InferenceServer.start(c, Predictor.load(model.model(), 1))) {
            assertTrue(s.url().startsWith("https://127.0.0.1:"), s.url());
            HttpResponse<String> r = post(client(null), s);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"probability\""), r.body());
        }
    }

    @Test
    void mutualTlsAdmitsOnlyClientsOfTheCa() throws Exception {
        ServerConfig c = ServerConfig.builder("churn", 1).port(0)
                .tls(dir.resolve("server-cert.pem"), dir.resolve("server-key.pem"), dir.resolve("client-cert.pem"))
                .build();
        try (InferenceServer s = InferenceServer.start(c, Predictor.load(model.model(), 1))) {
            assertEquals(200, post(client("client"), s).statusCode());
            assertThrows(IOException.class, () -> post(client(null), s), "no client certificate");
            assertThrows(IOException.class, () -> post(client("stranger"), s), "a certificate of another CA");
        }
    }

    @Test
    void badPemFilesAreClearErrors() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a pem\n");
        UserError noKey = assertThrows(UserError.class, () -> Pem.privateKey(junk));
        assertTrue(noKey.getMessage().contains("no PEM private key"), noKey.getMessage());
        UserError noCert = assertThrows(UserError.class, () -> Pem.certificates(junk));
        assertTrue(noCert.getMessage().contains("holds no PEM certificate"), noCert.getMessage());
        Path enc = dir.resolve("enc.pem");
        Files.writeString(enc, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        UserError encrypted = assertThrows(UserError.class, () -> Pem.privateKey(enc));
        assertTrue(encrypted.whatToDo().contains("openssl pkcs8"), encrypted.whatToDo());
        assertThrows(UserError.class, () -> ServerConfig.builder("m", 1).tls(dir.resolve("server-cert.pem"), null,
                null).build());
        // the client's key with the server's certificate: they do not belong together
        UserError mismatch = assertThrows(UserError.class, () -> InferenceServer.start(ServerConfig.builder("m", 1)
                .port(0).tls(dir.resolve("server-cert.pem"), dir.resolve("client-key.pem"), null).build(),
                Predictor.load(model.model(), 1)));
        assertTrue(mismatch.getMessage().contains("server-cert.pem"), mismatch.getMessage());
    }
}
