package io.clientbase.access;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read-only endpoint whose caller, when remembered, is checked in the same round trip as its
 * first read of clients instead of one of its own ({@link CallerCheck}). {@link CallerFilter} admits
 * a remembered caller for such an endpoint only, and {@link CheckedReads} answers only once the
 * check has passed; one annotation binds both, so that neither can be forgotten.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CheckedByItsRead {
}
