package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.support.ParasolProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `parasol serve` as a process: a TIP posts events, the CLI sees them, SIGTERM stops it cleanly. */
class ServeIT {
    @TempDir
    Path home;

    @Test
    void eventsPostedToTheServedUrlShowUpInTheCli() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        String url = parasol.run("enable-integration", "threatq").ok().out().strip();
        String key = url.substring(url.indexOf("customerKey=") + "customerKey=".length());
        Process serve = parasol.start(null, "serve", "--port", "0");
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8));
            int port = -1;
            Pattern listening = Pattern.compile("receiving on http://127\\.0\\.0\\.1:(\\d+)/");
            String line;
            while (port < 0 && (line = err.readLine()) != null) {
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "serve announced its port");
            String event = "{\"alertTime\":\"2013-02-08T09:30:26Z\",\"deviceId\":\"d\",\"deviceVersion\":\"1\",\"dstDomain\":\"c2.bad.xyz\","
                    + "\"dstUrl\":\"c2.bad.xyz/gate\",\"eventTime\":\"2013-02-08T09:30:26.123456Z\",\"protocolVersion\":\"1.0a\",\"providerName\":\"Security Platform\"}";
            try (Response r = new OkHttpClient().newCall(new Request.Builder()
                    .url("http://127.0.0.1:" + port + "/1.0/events?customerKey=" + key)
                    .post(RequestBody.create(event, MediaType.get("application/json"))).build()).execute()) {
                assertEquals(202, r.code());
            }
            assertTrue(parasol.run("see-domains", "threatq").ok().out().contains("c2.bad.xyz"));
            assertTrue(parasol.run("audit", "search", "--user", "ThreatQ Account").ok().out().contains("http"));
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
        }
    }
}
