package io.canvass.protection;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts each request to the annotated endpoint against the client's budget; over it the
 * client gets 429 with Retry-After. On the resource method, so that the rule sits where the
 * endpoint is declared and no path spelling (trailing slash, encoding) slips past it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {

    RateLimit value();
}
