package dev.metarec.functions;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS rebinding: a web page on evil.example that rebinds its name to 127.0.0.1 reaches the local server with
 * {@code Host: evil.example}; with {@code metarec.http.allowed-hosts} set (the local profile) such a request is
 * refused before any function runs, and one addressed to a loopback name is served. (Raw sockets, because HTTP
 * clients do not let a caller choose the Host header.)
 */
@QuarkusTest
@TestProfile(HostHeaderCheckTest.LocalHosts.class)
@QuarkusTestResource(TempStore.class)
class HostHeaderCheckTest {
    public static class LocalHosts implements QuarkusTestProfile {
        @Override public Map<String, String> getConfigOverrides() {
            return Map.of("metarec.http.allowed-hosts", "localhost,127.0.0.1,[::1]", "metarec.bootstrap.enabled", "false", "metarec.auth.enabled", "false");
        }
    }

    @TestHTTPResource("/") URL base;

    private String statusLine(String host, String requestLine) throws IOException {
        return statusLine(host, requestLine, "");
    }

    /** Sends one request with the given Host header (and a JSON body when {@code body} is not empty); the status line and body. */
    private String statusLine(String host, String requestLine, String body) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = s.getOutputStream();
            String headers = requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
            out.write((headers + "\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.lines().findFirst().orElse("") + " " + response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void aRequestAddressedToAnotherHost_shouldBeRefused_beforeAnyFunctionRuns() throws IOException {
        String r = statusLine("evil.example:" + base.getPort(), "GET /metrics HTTP/1.1");
        assertTrue(r.startsWith("HTTP/1.1 403"), r);
        assertTrue(r.contains("urn:metarec:host-not-allowed") && r.contains("\"field\":\"Host\""), r);
        String erase = statusLine("evil.example", "POST /erase HTTP/1.1", "{\"userId\":\"bob\"}");
        assertTrue(erase.startsWith("HTTP/1.1 403"), erase);
    }

    @Test
    void aRequestAddressedToLoopback_shouldBeServed() throws IOException {
        for (String host : new String[]{"localhost:" + base.getPort(), "127.0.0.1:" + base.getPort(), "LOCALHOST", "[::1]:" + base.getPort()}) {
            String r = statusLine(host, "GET /metrics HTTP/1.1");
            assertTrue(r.startsWith("HTTP/1.1 200"), host + ": " + r);
        }
        String erase = statusLine("localhost:" + base.getPort(), "POST /erase HTTP/1.1", "{\"userId\":\"bob\"}");
        assertTrue(erase.startsWith("HTTP/1.1 200"), erase);
    }
}
