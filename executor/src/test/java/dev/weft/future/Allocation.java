package dev.weft.future;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Assumptions;

/**
 * Bytes allocated by the current thread, through {@code com.sun.management.ThreadMXBean}, reached
 * reflectively because the module under test reads only {@code java.base}.
 */
final class Allocation {

    private Allocation() {}

    private static final Object BEAN;
    private static final Method BYTES;

    static {
        Object bean = null;
        Method bytes = null;
        try {
            Class<?> mf = Class.forName("java.lang.management.ManagementFactory");
            bean = mf.getMethod("getThreadMXBean").invoke(null);
            Class<?> ext = Class.forName("com.sun.management.ThreadMXBean");
            if (ext.isInstance(bean)) {
                bytes = ext.getMethod("getCurrentThreadAllocatedBytes");
                bytes.invoke(bean);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            bytes = null;
        }
        BEAN = bean;
        BYTES = bytes;
    }

    static void assumeMeasurable() {
        Assumptions.assumeTrue(BYTES != null, "thread allocation counter not available");
    }

    static long bytesDuring(Runnable r) {
        long before = now();
        r.run();
        return now() - before;
    }

    private static long now() {
        try {
            return (long) BYTES.invoke(BEAN);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
