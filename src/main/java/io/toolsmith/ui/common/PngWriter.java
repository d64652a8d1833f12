package io.toolsmith.ui.common;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;

/**
 * Writes a JavaFX image (a scene snapshot) as a PNG without javafx.swing: 8-bit RGBA, no
 * filtering, one IDAT chunk. Reads pixels, so call it on the FX thread for a live image.
 */
public final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngWriter() {
    }

    public static void write(Image image, Path target) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        ByteArrayOutputStream raw = new ByteArrayOutputStream(w * h * 4 + h);
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(raw)) {
            byte[] row = new byte[1 + w * 4];
            for (int y = 0; y < h; y++) {
                row[0] = 0; // filter: none
                for (int x = 0; x < w; x++) {
                    int p = argb[y * w + x];
                    int i = 1 + x * 4;
                    row[i] = (byte) (p >> 16);
                    row[i + 1] = (byte) (p >> 8);
                    row[i + 2] = (byte) p;
                    row[i + 3] = (byte) (p >>> 24);
                }
                deflate.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream hd = new DataOutputStream(header);
        hd.writeInt(w);
        hd.writeInt(h);
        hd.write(new byte[] {8, 6, 0, 0, 0}); // 8 bits, RGBA, deflate, no filter method, no interlace
        chunk(png, "IHDR", header.toByteArray());
        chunk(png, "IDAT", raw.toByteArray());
        chunk(png, "IEND", new byte[0]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, png.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(typeBytes);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
