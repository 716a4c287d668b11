package dev.weft.internal.time;

import java.util.function.Function;

/**
 * Lets the runtime create the public {@code TimeControl} for its driver without a public
 * constructor (the JDK's "shared secrets" pattern; the API class installs the factory from its
 * static initializer).
 */
public final class TimeAccess {

    private static volatile Function<TimeDriver, Object> factory;

    private TimeAccess() {}

    /** @param f the factory, installed once by {@code TimeControl} */
    public static void install(Function<TimeDriver, Object> f) {
        factory = f;
    }

    /**
     * @param driver a runtime's driver
     * @return a {@code TimeControl} for it
     */
    public static Object control(TimeDriver driver) {
        Function<TimeDriver, Object> f = factory;
        if (f == null) {
            try {
                Class.forName("dev.weft.time.TimeControl", true, TimeAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            f = factory;
        }
        return f.apply(driver);
    }
}
