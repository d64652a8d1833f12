package io.toolsmith.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in behaves like the real server where clients can tell the difference. */
class FakeOllamaTest {
    private final FakeOllama ollama = FakeOllama.start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        ollama.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ollama.url() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Tests of "Ollama is not running" rely on it: once closed, the port refuses, it never accepts and resets. */
    @Test
    void aClosedStandInRefusesConnections() throws Exception {
        for (int i = 0; i < 100; i++) {
            FakeOllama stopped = FakeOllama.start();
            URI url = URI.create(stopped.url());
            stopped.close();
            assertThrows(java.net.ConnectException.class,
                    () -> new Socket(InetAddress.getLoopbackAddress(), url.getPort()).close(), "attempt " + i);
        }
    }

    @Test
    void headersAreHeldBackUntilTheFirstChunk() throws Exception {
        ollama.enqueueDelayedReply(Duration.ofMillis(800), "late");
        byte[] body = "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(ollama.url().replaceAll(".*:", "")))) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, in::read, "nothing, not even the status line, while loading");
            socket.setSoTimeout(5000);
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.contains("Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked"), response);
        }
    }

    @Test
    void answersRoutesLikeOllama() throws Exception {
        assertEquals("Ollama is running", send("GET", "/", null).body());
        assertEquals("{\"version\":\"0.33.0\"}", send("GET", "/api/version", null).body());
        assertEquals("{\"models\":[]}", send("GET", "/api/tags", null).body());
        HttpResponse<String> missing = send("GET", "/api/nothing", null);
        assertEquals(404, missing.statusCode());
        assertEquals("404 page not found", missing.body());
        HttpResponse<String> wrongMethod = send("GET", "/api/chat", null);
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("405 method not allowed", wrongMethod.body());
        HttpResponse<String> noModel = send("POST", "/api/chat", "{\"messages\":[]}");
        assertEquals(400, noModel.statusCode());
        assertEquals("{\"error\":\"model is required\"}", noModel.body());
        assertEquals("application/json; charset=utf-8", noModel.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void nonStreamingRequestGetsOneObjectAndMissingStreamMeansStreaming() throws Exception {
        ollama.enqueueReply("Hi <b>there</b>");
        ollama.enqueueReply("Hi");

        HttpResponse<String> whole = send("POST", "/api/chat", "{\"model\":\"m\",\"messages\":[],\"stream\":false}");
        HttpResponse<String> streamed = send("POST", "/api/chat", "{\"model\":\"m\",\"messages\":[]}");

        JsonNode object = Json.MAPPER.readTree(whole.body());
        assertEquals("Hi <b>there</b>", object.at("/message/content").asText());
        assertTrue(whole.body().contains("\\u003cb\\u003e"), "Go-style escapes");
        assertTrue(object.get("done").asBoolean());
        assertEquals("application/x-ndjson", streamed.headers().firstValue("Content-Type").orElse(""));
        assertEquals(2, streamed.body().split("\n").length);
        assertEquals(2, ollama.chatRequests().size());
        assertEquals(0, ollama.pendingReplies());
    }
}
