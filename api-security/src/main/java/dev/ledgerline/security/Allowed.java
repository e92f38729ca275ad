package dev.ledgerline.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role that may call an {@code /api/**} operation; on a resource class it applies to each of its methods
 * that does not name its own. An operation without one is refused to everybody ({@link ApiAccessFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Allowed {
    Role value();
}
