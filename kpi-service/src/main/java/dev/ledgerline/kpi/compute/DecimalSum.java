package dev.ledgerline.kpi.compute;

import java.math.BigDecimal;

/**
 * A mutable decimal sum with exactly {@link BigDecimal}'s results — the value and the scale of
 * {@code sum.add(addend)} — kept as an unscaled {@code long} and a scale while it fits, as a {@code BigDecimal}
 * from the first sum that would overflow.
 *
 * <p>Every record applies up to sixteen bucket deltas of five amounts each, and every window sums its buckets:
 * with {@code BigDecimal} fields each non-zero addition allocated a new value (a tenth of the stream threads'
 * time in JFR). Amounts are currency values of a few decimals, so the long form is the one in use; the
 * {@code BigDecimal} form keeps the sums exact beyond it.
 */
final class DecimalSum {
    private static final long[] POWERS_OF_TEN = powersOfTen();

    private long unscaled;
    private int scale;
    /** Non-null once a sum no longer fits the long form; then it holds the value. */
    private BigDecimal big;

    /** Zero with scale 0, as {@link BigDecimal#ZERO}. */
    DecimalSum() {
    }

    /** {@code this + sign × addend}, as {@code BigDecimal} would compute it. */
    void add(DecimalSum addend, int sign) {
        if (addend.big == null && addend.unscaled == 0 && addend.scale == 0) {
            // Zero of scale 0 changes nothing, since every sum's scale is at least 0 (sums start from zero of scale
            // 0 and keep the larger scale): decided without reading this sum, which is often not in the CPU cache.
            return;
        }
        if (addend.big == null) {
            add(addend.unscaled, addend.scale, sign);
        } else {
            addBig(addend.big, sign);
        }
    }

    void add(BigDecimal addend, int sign) {
        if (big == null && addend.precision() < 19) {
            // precision < 19 digits: the unscaled value fits a long (|value| < 10^18).
            add(addend.unscaledValue().longValue(), addend.scale(), sign);
        } else {
            addBig(addend, sign);
        }
    }

    private void add(long addendUnscaled, int addendScale, int sign) {
        if (addendUnscaled == 0 && addendScale <= scale && big == null) {
            return; // the same value and scale: most addends of a window's sum are zero
        }
        if (big == null) {
            try {
                var targetScale = Math.max(scale, addendScale);
                var left = rescale(unscaled, targetScale - scale);
                var right = Math.multiplyExact(rescale(addendUnscaled, targetScale - addendScale), (long) sign);
                unscaled = Math.addExact(left, right);
                scale = targetScale;
                return;
            } catch (ArithmeticException overflow) {
                big = BigDecimal.valueOf(unscaled, scale);
            }
        }
        addBig(BigDecimal.valueOf(addendUnscaled, addendScale), sign);
    }

    private void addBig(BigDecimal addend, int sign) {
        var sum = value();
        big = switch (sign) {
            case 1 -> sum.add(addend);
            case -1 -> sum.subtract(addend);
            default -> sum.add(addend.multiply(BigDecimal.valueOf(sign)));
        };
    }

    /** {@code value × 10^digits}, exact or an ArithmeticException. */
    private static long rescale(long value, int digits) {
        if (digits == 0 || value == 0) {
            return value;
        }
        if (digits >= POWERS_OF_TEN.length) {
            throw new ArithmeticException("scale difference " + digits);
        }
        return Math.multiplyExact(value, POWERS_OF_TEN[digits]);
    }

    BigDecimal value() {
        return big != null ? big : BigDecimal.valueOf(unscaled, scale);
    }

    int signum() {
        return big != null ? big.signum() : Long.signum(unscaled);
    }

    /** Equal value and scale, as {@link BigDecimal#equals}. */
    boolean sameAs(DecimalSum other) {
        if (big == null && other.big == null) {
            return unscaled == other.unscaled && scale == other.scale;
        }
        return value().equals(other.value());
    }

    @Override
    public String toString() {
        return value().toPlainString();
    }

    private static long[] powersOfTen() {
        var powers = new long[19];
        powers[0] = 1;
        for (var i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
