package io.clientbase.platform;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service whose transactions are run again when the database rolled one back in favour of
 * another (a deadlock, or a Galera certification conflict at commit: 1213 / SQLSTATE 40001). Such a
 * transaction wrote nothing, and these services' transactions change the database only, so a
 * second run is the same request applied to what is now stored: a PATCH with If-Match then meets
 * the other's version and answers 412. See {@link ConflictRetries}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RetryOnConflict {
}
