package dev.ledgerline.kpi.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DecimalSum} against {@link BigDecimal}: after every addition the same value and the same scale, through
 * mixed scales, zeros of every scale, signs other than ±1 and sums far beyond a long. Every run draws new seeds;
 * {@code -Dledgerline.seed=N} replays one.
 */
class DecimalSumTest {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everySumEqualsBigDecimalsInValueAndScale(long seed) {
        var random = new Random(seed);
        var sum = new DecimalSum();
        var other = new DecimalSum();
        var reference = BigDecimal.ZERO;
        // Half the seeds never leave the long form (the path in use); the others reach BigDecimal's early.
        var huge = seed % 2 != 0;
        var otherReference = BigDecimal.ZERO;
        for (var step = 0; step < 2_000; step++) {
            var addend = randomAmount(random, huge);
            var sign = random.nextInt(10) == 0 ? random.nextInt(7) - 3 : (random.nextBoolean() ? 1 : -1);
            if (random.nextInt(4) == 0) {
                // a sum added to a sum, as a window adds its buckets
                other.add(addend, 1);
                otherReference = otherReference.add(addend);
                sum.add(other, sign);
                reference = reference.add(otherReference.multiply(BigDecimal.valueOf(sign)));
            } else {
                sum.add(addend, sign);
                reference = reference.add(addend.multiply(BigDecimal.valueOf(sign)));
            }
            assertThat(sum.value()).as("seed %d step %d", seed, step).isEqualTo(reference);
            assertThat(sum.value().scale()).as("seed %d step %d", seed, step).isEqualTo(reference.scale());
            assertThat(sum.signum()).isEqualTo(reference.signum());
        }
    }

    @Test
    void aSumBeyondALongStaysExactAndComparesByValueAndScale() {
        var sum = new DecimalSum();
        var big = new BigDecimal("9000000000000000.00"); // 9 × 10^17 unscaled
        for (var i = 0; i < 30; i++) {
            sum.add(big, 1);
        }
        assertThat(sum.value()).isEqualTo(new BigDecimal("270000000000000000.00"));
        var same = new DecimalSum();
        same.add(new BigDecimal("270000000000000000.00"), 1);
        assertThat(sum.sameAs(same)).isTrue();
        var otherScale = new DecimalSum();
        otherScale.add(new BigDecimal("270000000000000000.0"), 1);
        assertThat(sum.sameAs(otherScale)).isFalse();
        for (var i = 0; i < 30; i++) {
            sum.add(big, -1);
        }
        assertThat(sum.value()).isEqualTo(new BigDecimal("0.00"));
        assertThat(sum.signum()).isZero();
    }

    @Test
    void aZeroOfALargerScaleRaisesTheScaleAsBigDecimalDoes() {
        var sum = new DecimalSum();
        sum.add(new BigDecimal("5.1"), 1);
        sum.add(new BigDecimal("0.000"), 1);
        assertThat(sum.value()).isEqualTo(new BigDecimal("5.100"));
        sum.add(new BigDecimal("0"), -1);
        assertThat(sum.value().scale()).isEqualTo(3);
    }

    private static BigDecimal randomAmount(Random random, boolean huge) {
        return switch (random.nextInt(huge ? 6 : 5)) {
            case 0 -> BigDecimal.ZERO.setScale(random.nextInt(5));
            case 1 -> BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(8) - 2); // negative scales too
            case 2 -> BigDecimal.valueOf(random.nextInt(1_000_000), 2)
                    .multiply(BigDecimal.valueOf(random.nextInt(11) / 10.0)); // a weighted amount
            case 3, 4 -> BigDecimal.valueOf(random.nextInt(10_000_000), random.nextInt(3));
            default -> new BigDecimal(new BigInteger(90, random), random.nextInt(4)); // beyond a long
        };
    }

    static LongStream seeds() {
        String replay = System.getProperty("ledgerline.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : new SecureRandom().longs(20);
    }
}
