package dev.weft.internal.time;

import dev.weft.Waker;

/**
 * The timer of one {@code Sleep}: arms, re-targets and disarms its {@link TimerEntry} on a
 * {@link TimeDriver}. Used by the owning future only (one thread at a time); the driver's firer is
 * the only other party, and it touches nothing but the entry's state and waker.
 */
public final class TimerHandle extends TimerEntry {

    /**
     * Makes sure the timer will wake {@code w} at {@code tick}: publishes the waker, then registers
     * unless already registered. Publishing the waker before reading the state pairs with the
     * firer's CAS-then-read-waker: either this call sees FIRED (and re-registers), or the firer
     * sees this waker.
     *
     * @param d    the driver
     * @param tick the deadline tick
     * @param w    the waker to wake
     */
    public void arm(TimeDriver d, long tick, Waker w) {
        Waker current = waker();
        if (current == null || !current.willWake(w)) {
            setWaker(w);
        }
        if (state() != REGISTERED) {
            setDeadlineTick(tick);
            d.register(this);
        }
    }

    /**
     * Re-targets the timer. A later deadline is a plain volatile write (the wheel re-files the entry
     * when its old slot comes due); an earlier one re-files it now, under the driver's lock.
     *
     * @param d    the driver
     * @param tick the new deadline tick
     */
    public void moveTo(TimeDriver d, long tick) {
        if (state() == REGISTERED && tick < deadlineTick) {
            d.moveEarlier(this, tick);
        } else {
            setDeadlineTick(tick);
        }
    }

    /**
     * Unlinks the timer if it is registered (cancelled before firing).
     *
     * @param d the driver
     * @return {@code true} if it was registered and is now cancelled
     */
    public boolean disarm(TimeDriver d) {
        return state() == REGISTERED && d.cancel(this);
    }

    /** @return whether the timer has fired and not been re-armed */
    public boolean hasFired() {
        return state() == FIRED;
    }

    /** @return whether the timer is filed in the wheel */
    public boolean isRegistered() {
        return state() == REGISTERED;
    }
}
