package dev.ledgerline.kpi.rest;

import java.math.BigDecimal;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

/** Matchers for numbers in JSON bodies, where the scale and the Java type depend on the parser. */
final class JsonNumbers {
    private JsonNumbers() {
    }

    /** A JSON number equal to {@code expected} whatever its scale or Java type. */
    static Matcher<Object> num(String expected) {
        var value = new BigDecimal(expected);
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof Number && new BigDecimal(actual.toString()).compareTo(value) == 0;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a number equal to " + expected);
            }
        };
    }
}
