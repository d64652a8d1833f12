package io.toolsmith.data;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Large Python ints. Turning an int into decimal digits takes quadratic time in Java 17 (an 8 MiB int took
 * minutes), so only ints up to {@link #DECIMAL_BITS} are written in decimal; larger ones are written in hex,
 * which takes linear time, and their digit count is estimated from the bit length. The bound keeps every decimal
 * under the 4,300 digits that Python (3.11 and later) itself converts, so Python's json can read what is written.
 */
final class PyInts {
    /** At most 4,215 digits, converted in well under a millisecond. */
    static final int DECIMAL_BITS = 14_000;
    private static final double LOG10_2 = Math.log10(2);

    private PyInts() {
    }

    static boolean hasDecimal(BigInteger v) {
        return v.bitLength() <= DECIMAL_BITS;
    }

    /** Python's {@code hex(v)}: lowercase, {@code -0x…} when negative. Linear in the size of {@code v}. */
    static String hex(BigInteger v) {
        String digits = HexFormat.of().formatHex(v.abs().toByteArray());
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return (v.signum() < 0 ? "-0x" : "0x") + digits.substring(start);
    }

    /** Decimal digits of {@code |v|}, exact or one too few: floor(bitLength·log10 2) + 1. */
    static long estimatedDigits(BigInteger v) {
        return v.signum() == 0 ? 1 : (long) Math.floor((v.bitLength() - 1) * LOG10_2) + 1;
    }

    /**
     * A short text for a view: the number itself when short, else its first digits and the digit count,
     * e.g. {@code 1234567890…(24,083 digits)}; above {@link #DECIMAL_BITS} the first hex digits and an estimate.
     */
    static String abbreviated(BigInteger v) {
        if (!hasDecimal(v)) {
            String hex = hexHead(v, 12);
            return hex + "…(about " + String.format("%,d", estimatedDigits(v)) + " digits)";
        }
        String text = v.toString();
        if (text.length() <= 40) {
            return text;
        }
        int sign = v.signum() < 0 ? 1 : 0;
        return text.substring(0, 10 + sign) + "…(" + String.format("%,d", text.length() - sign) + " digits)";
    }

    /** The first {@code n} hex digits, without converting the whole int. */
    private static String hexHead(BigInteger v, int n) {
        BigInteger abs = v.abs();
        int drop = Math.max(0, abs.bitLength() - 4 * n);
        drop -= drop % 4;
        return hex(abs.shiftRight(drop).multiply(BigInteger.valueOf(v.signum())));
    }
}
