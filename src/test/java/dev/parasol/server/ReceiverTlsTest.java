package dev.parasol.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parasol.support.CliTest;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** HTTPS with a keystore made by the JDK's keytool, called by okhttp trusting that certificate. */
class ReceiverTlsTest extends CliTest {

    @Test
    void servesTheApiOverHttps() throws Exception {
        Path keystore = home.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "parasol", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertEquals(0, keytool.waitFor(60, TimeUnit.SECONDS) ? keytool.exitValue() : -1);

        String url = cli.run("enable-integration", "threatq").ok().out().strip();
        String key = url.substring(url.indexOf("customerKey=") + "customerKey=".length());
        SSLContext serverTls = ReceiverServer.tlsFrom(keystore, "changeit".toCharArray());
        try (ReceiverServer server = new ReceiverServer(cli.context().store(), cli.context().imports(), cli.context().lists(),
                new ReceiverServer.Settings("127.0.0.1", 0, 1 << 20, 2, 0, Optional.of(serverTls)),
                new PrintWriter(new StringWriter()), Clock.systemUTC())) {
            server.start();
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                trust.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
            SSLContext clientTls = SSLContext.getInstance("TLS");
            clientTls.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
            OkHttpClient client = new OkHttpClient.Builder().sslSocketFactory(clientTls.getSocketFactory(), tm).build();
            try (Response r = client.newCall(new Request.Builder()
                    .url("https://127.0.0.1:" + server.port() + "/1.0/domains?customerKey=" + key).build()).execute()) {
                assertEquals(200, r.code());
                assertEquals("{\"meta\":{\"page\":1,\"limit\":200,\"prev\":false,\"next\":false},\"data\":[]}", r.body().string());
            }
        }
    }
}
