package io.toolsmith.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/** The host's end of stdio: counts down once the host closed it (or it broke), which ends {@code toolsmith mcp}. */
final class EndOfInput extends FilterInputStream {
    private final CountDownLatch ended = new CountDownLatch(1);

    EndOfInput(InputStream in) {
        super(in);
    }

    void await() throws InterruptedException {
        ended.await();
    }

    @Override
    public int read() throws IOException {
        return seen(guarded(() -> super.read()));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return seen(guarded(() -> super.read(b, off, len)));
    }

    private int seen(int n) {
        if (n < 0) {
            ended.countDown();
        }
        return n;
    }

    private int guarded(Read read) throws IOException {
        try {
            return read.run();
        } catch (IOException e) {
            ended.countDown();
            throw e;
        }
    }

    private interface Read {
        int run() throws IOException;
    }

    @Override
    public void close() throws IOException {
        ended.countDown();
        super.close();
    }
}
