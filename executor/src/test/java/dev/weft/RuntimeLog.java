package dev.weft;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Captures what the runtime logs through {@code System.getLogger("dev.weft.runtime")}.
 *
 * <p>With the JDK's default {@link System.LoggerFinder} that logger is the java.util.logging logger
 * of the same name. The test classes are patched into module {@code dev.weft}, which does not read
 * {@code java.logging}, so they cannot name its types in source: the capture is installed through
 * reflection (which needs no read edge) as a {@code java.util.logging.Filter} proxy on that logger.
 * The filter sees every record logged to it and keeps it from the console while a capture is open.
 */
final class RuntimeLog implements AutoCloseable {

    static final String LOGGER_NAME = "dev.weft.runtime";

    /** One logged record. */
    record Entry(String level, String message, Throwable thrown) {
        boolean mentions(String s) {
            return (message != null && message.contains(s))
                    || (thrown != null && String.valueOf(thrown.getMessage()).contains(s));
        }
    }

    private static final List<RuntimeLog> OPEN = new CopyOnWriteArrayList<>();

    /** Strong reference: java.util.logging keeps loggers weakly, and would forget the filter. */
    private static final Object JUL_LOGGER;

    private static final Method GET_MESSAGE;
    private static final Method GET_THROWN;
    private static final Method GET_LEVEL;
    private static final Method LEVEL_NAME;

    static {
        try {
            Class<?> loggerClass = Class.forName("java.util.logging.Logger");
            Class<?> filterClass = Class.forName("java.util.logging.Filter");
            Class<?> recordClass = Class.forName("java.util.logging.LogRecord");
            GET_MESSAGE = recordClass.getMethod("getMessage");
            GET_THROWN = recordClass.getMethod("getThrown");
            GET_LEVEL = recordClass.getMethod("getLevel");
            LEVEL_NAME = Class.forName("java.util.logging.Level").getMethod("getName");
            JUL_LOGGER = loggerClass.getMethod("getLogger", String.class).invoke(null, LOGGER_NAME);
            InvocationHandler filter = RuntimeLog::filter;
            Object proxy = Proxy.newProxyInstance(RuntimeLog.class.getClassLoader(), new Class<?>[] {filterClass},
                    filter);
            loggerClass.getMethod("setFilter", filterClass).invoke(JUL_LOGGER, proxy);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Object filter(Object proxy, Method method, Object[] args) throws ReflectiveOperationException {
        switch (method.getName()) {
            case "isLoggable" -> {
                Object r = args[0];
                Entry e = new Entry((String) LEVEL_NAME.invoke(GET_LEVEL.invoke(r)), (String) GET_MESSAGE.invoke(r),
                        (Throwable) GET_THROWN.invoke(r));
                boolean captured = false;
                for (RuntimeLog log : OPEN) {
                    log.add(e);
                    captured = true;
                }
                return !captured; // print only what no test is looking at
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "toString" -> {
                return "RuntimeLog filter";
            }
            default -> throw new UnsupportedOperationException(method.toString());
        }
    }

    private final List<Entry> entries = new ArrayList<>(); // guarded by this

    private RuntimeLog() {}

    /** Starts capturing; close the capture at the end of the test. */
    static RuntimeLog capture() {
        RuntimeLog log = new RuntimeLog();
        OPEN.add(log);
        return log;
    }

    private synchronized void add(Entry e) {
        entries.add(e);
        notifyAll();
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Waits up to {@code millis} for an entry matching {@code p}.
     *
     * @return the entry, or {@code null} if none came in time
     */
    synchronized Entry await(Predicate<Entry> p, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (;;) {
            for (Entry e : entries) {
                if (p.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits for a matching entry, collecting garbage meanwhile (for reports made by a Cleaner). */
    Entry awaitWithGc(Predicate<Entry> p) throws InterruptedException {
        for (int i = 0; i < 200; i++) { // 200 x 100 ms: far more than any GC needs
            System.gc();
            Entry e = await(p, 100);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    @Override
    public void close() {
        OPEN.remove(this);
    }
}
