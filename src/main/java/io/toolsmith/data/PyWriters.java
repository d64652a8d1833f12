package io.toolsmith.data;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/** Writers that bound and measure what the value writers produce. */
final class PyWriters {
    private PyWriters() {
    }

    /** Keeps at most {@code max} characters, then throws {@link Full}: bounds the work of a cut-off cell. */
    static final class Limited extends Writer {
        private final StringWriter out;
        private final long max;

        Limited(StringWriter out, long max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            long room = max - out.getBuffer().length();
            out.write(buf, off, (int) Math.min(len, Math.max(0, room)));
            if (len > room) {
                throw new Full();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        static final class Full extends RuntimeException {
            Full() {
                super(null, null, false, false);
            }
        }
    }

    /** Counts the characters that reached the writer (the generator buffers the rest). */
    static final class Counting extends Writer {
        private final Writer out;
        private long count;

        Counting(Writer out) {
            this.out = out;
        }

        long count() {
            return count;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            out.write(buf, off, len);
            count += len;
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            out.write(s, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
