package io.toolsmith.data;

import java.io.EOFException;
import java.io.InputStream;

/**
 * The pickle's bytes in memory, read without locks (unlike ByteArrayInputStream), with the position
 * exposed so errors can name the byte where reading failed. Not thread-safe: one reader at a time.
 */
final class ByteSource extends InputStream {
    final byte[] data;
    int pos;

    ByteSource(byte[] data) {
        this.data = data;
    }

    int position() {
        return pos;
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
            return len == 0 ? 0 : -1;
        }
        int n = Math.min(len, data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }

    int u8() throws EOFException {
        if (pos >= data.length) {
            throw new EOFException();
        }
        return data[pos++] & 0xff;
    }

    int u16() throws EOFException {
        require(2);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    int i32() throws EOFException {
        require(4);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16 | data[pos + 3] << 24;
        pos += 4;
        return v;
    }

    long i64() throws EOFException {
        require(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    double f64BigEndian() throws EOFException {
        require(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (data[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(v);
    }

    /** Checks a length read from the file against what is left, so a corrupt length never allocates gigabytes. */
    int length(long declared) throws EOFException {
        if (declared < 0 || declared > data.length - pos) {
            throw new EOFException();
        }
        return (int) declared;
    }

    byte[] bytes(int n) throws EOFException {
        require(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    String utf8(int n) throws EOFException {
        require(n);
        String s = new String(data, pos, n, java.nio.charset.StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    String latin1(int n) throws EOFException {
        require(n);
        String s = new String(data, pos, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    /** A line of protocols 0 and 1 without its newline (numbers and names: UTF-8, as Python reads them). */
    String line() throws EOFException {
        int start = pos;
        int end = start;
        while (end < data.length && data[end] != '\n') {
            end++;
        }
        if (end >= data.length) {
            throw new EOFException();
        }
        pos = end + 1;
        return new String(data, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void require(int n) throws EOFException {
        if (n < 0 || n > data.length - pos) {
            throw new EOFException();
        }
    }
}
