package io.toolsmith.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** A server that accepts connections and never answers: the short questions end with a sentence, not a hang. */
class SilentServerTest {

    @Test
    void modelListFromASilentServerEndsWithASentence() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            OkHttpClient quick = HttpClients.forLocalServer().newBuilder().readTimeout(Duration.ofMillis(300)).build();
            LlmException e = assertThrows(LlmException.class, () -> new OllamaClient(url, quick).listModels());
            assertEquals(LlmException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().contains("accepted the connection but did not answer"), e.getMessage());
            assertTrue(e.getMessage().contains(url), e.getMessage());
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
