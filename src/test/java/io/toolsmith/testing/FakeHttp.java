package io.toolsmith.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;

/**
 * A tiny HTTP/1.1 server on a raw socket, for stand-ins of model servers in tests. It gives byte-exact control
 * of the response: headers are sent only with the first body bytes (as Ollama does while a model loads), every
 * write is one chunk flushed at once, and a response can end cleanly, be cut off, or be reset.
 * One thread per connection; every response closes its connection.
 */
public final class FakeHttp implements AutoCloseable {

    /** Answers one request; runs on that connection's thread. */
    @FunctionalInterface
    public interface Handler {
        void handle(FakeExchange exchange) throws Exception;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-http");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.Future<?> acceptor;
    private final Object disconnectLock = new Object();
    private int disconnects;
    private volatile boolean sayKeepAlive;

    private FakeHttp(Handler handler, int port) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = threads.submit(this::acceptLoop);
    }

    public static FakeHttp start(Handler handler) {
        return start(handler, 0);
    }

    /** On a given port (0: any free one), e.g. to stand in for a server that was down and comes back. */
    public static FakeHttp start(Handler handler, int port) {
        try {
            return new FakeHttp(handler, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a local test port", e);
        }
    }

    /**
     * From now on every response announces keep-alive, but the connection is still closed after it: what
     * llama-server does after each streamed reply. A client that reuses the connection fails on its next request.
     */
    public void closeAfterEachResponseWhileSayingKeepAlive() {
        sayKeepAlive = true;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many responses were cut short because the client went away. */
    public int disconnects() {
        synchronized (disconnectLock) {
            return disconnects;
        }
    }

    /** Waits until at least {@code count} client disconnects were seen; false on timeout. */
    public boolean awaitDisconnects(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (disconnectLock) {
            while (disconnects < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                disconnectLock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        // The listening socket is only really closed once the thread blocked in accept() has left it; until
        // then the kernel still queues connections, and a test expecting "connection refused" would get a
        // reset instead. Wait for it.
        try {
            acceptor.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        open.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // accepted just as the server closed: drop the connection rather than leave the client waiting
                open.forEach(s -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                });
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            FakeExchange exchange = FakeExchange.read(socket);
            if (exchange == null) {
                return;
            }
            if (sayKeepAlive) {
                exchange.sayKeepAlive();
            }
            handler.handle(exchange);
            exchange.finish();
        } catch (FakeExchange.ClientGoneException e) {
            synchronized (disconnectLock) {
                disconnects++;
                disconnectLock.notifyAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!server.isClosed()) {
                LoggerFactory.getLogger(FakeHttp.class).warn("fake server handler failed", e);
            }
        } finally {
            open.remove(socket);
        }
    }
}
